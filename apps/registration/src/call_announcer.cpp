#include "call_announcer.h"

#include <QLocale>
#include <QTextToSpeech>

namespace lumen::registration {

CallAnnouncer::CallAnnouncer(bool voice, QObject* parent) : QObject(parent)
{
    if (!voice) {
        qInfo("queue screen: voice turned off; calls are shown only");
        return;
    }
    const QStringList engines = QTextToSpeech::availableEngines();
    if (engines.isEmpty()) {
        qWarning("queue screen: no text-to-speech engine is installed; calls are shown only");
        return;
    }
    m_speech = new QTextToSpeech(this);
    if (m_speech->state() == QTextToSpeech::Error) {
        qWarning("queue screen: the voice engine %s failed to start; calls are shown only",
                 qPrintable(engines.constFirst()));
        delete m_speech;
        m_speech = nullptr;
        return;
    }
    const QLocale chinese(QLocale::Chinese, QLocale::China);
    for (const QLocale& locale : m_speech->availableLocales())
        if (locale.language() == QLocale::Chinese) {
            m_speech->setLocale(locale);
            break;
        }
    if (m_speech->locale().language() != QLocale::Chinese)
        qWarning("queue screen: the voice engine has no Chinese voice; calls are spoken in %s",
                 qPrintable(m_speech->locale().name()));
    m_speech->setRate(-0.1);
    connect(m_speech, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
        if (state == QTextToSpeech::Error) {
            qWarning("queue screen: the voice engine reported an error; calls are shown only");
            m_speaking = false;
            return;
        }
        if (state == QTextToSpeech::Ready) {
            m_speaking = false;
            speakNext();
        }
    });
    qInfo("queue screen: calls are spoken by %s (%s)", qPrintable(engines.constFirst()),
          qPrintable(m_speech->locale().name()));
}

QString CallAnnouncer::spokenForm(const QString& shown)
{
    QString spoken = shown;
    spoken.replace(QLatin1Char('*'), QChar(0x67d0)); // 某
    return spoken;
}

void CallAnnouncer::announce(const QString& text)
{
    qInfo("queue call: %s", qPrintable(text));
    emit announced(text);
    if (!m_speech)
        return;
    m_pending.append(spokenForm(text));
    speakNext();
}

void CallAnnouncer::speakNext()
{
    if (!m_speech || m_speaking || m_pending.isEmpty())
        return;
    if (m_speech->state() != QTextToSpeech::Ready)
        return; // stateChanged(Ready) brings us back
    m_speaking = true;
    m_speech->say(m_pending.takeFirst());
}

} // namespace lumen::registration
