#include "call_announcer.h"

#include <QLocale>
#include <QStringList>
#include <QTextToSpeech>
#include <QTimer>

namespace lumen::registration {

namespace {

// A voice that never finishes (no audio device, a stuck speech server) must not hold back
// the calls after it.
constexpr int speakingTimeoutMs = 20000;

} // namespace

// Lives on the announcer's thread: the engine, its queue of texts and the watchdog.
class SpeechWorker : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

signals:
    void engineReady(bool ready);

public slots:
    void start()
    {
        m_watchdog = new QTimer(this);
        m_watchdog->setSingleShot(true);
        m_watchdog->setInterval(speakingTimeoutMs);
        connect(m_watchdog, &QTimer::timeout, this, [this] {
            qWarning("queue screen: the voice did not finish within %d s; going on with the next call",
                     speakingTimeoutMs / 1000);
            if (m_speech)
                m_speech->stop();
            m_speaking = false;
            speakNext();
        });
        startEngine();
    }

    void speak(const QString& text)
    {
        if ((!m_speech || m_speech->state() == QTextToSpeech::Error) && !startEngine())
            return;
        m_pending.append(text);
        speakNext();
    }

private:
    bool startEngine()
    {
        delete m_speech;
        m_speech = new QTextToSpeech(this);
        if (m_speech->state() == QTextToSpeech::Error) {
            // speech-dispatcher is spawned on demand and may still be starting: the next call
            // tries again.
            qWarning("queue screen: the voice engine %s is not ready; calls are shown only until it is",
                     qPrintable(m_speech->engine()));
            emit engineReady(false);
            return false;
        }
        const auto locales = m_speech->availableLocales();
        auto chinese = std::find_if(locales.begin(), locales.end(), [](const QLocale& l) {
            return l.language() == QLocale::Chinese && l.territory() == QLocale::China;
        });
        if (chinese == locales.end())
            chinese = std::find_if(locales.begin(), locales.end(),
                                   [](const QLocale& l) { return l.language() == QLocale::Chinese; });
        if (chinese != locales.end())
            m_speech->setLocale(*chinese);
        else
            qWarning("queue screen: the voice engine has no Chinese voice; calls are spoken in %s",
                     qPrintable(m_speech->locale().name()));
        m_speech->setRate(-0.1);
        connect(m_speech, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
            if (state == QTextToSpeech::Error) {
                qWarning("queue screen: the voice engine reported an error");
                m_watchdog->stop();
                m_speaking = false;
                emit engineReady(false);
            } else if (state == QTextToSpeech::Ready) {
                m_watchdog->stop();
                m_speaking = false;
                speakNext();
            }
        });
        qInfo("queue screen: calls are spoken by %s (%s)", qPrintable(m_speech->engine()),
              qPrintable(m_speech->locale().name()));
        emit engineReady(true);
        return true;
    }

    void speakNext()
    {
        if (!m_speech || m_speaking || m_pending.isEmpty() || m_speech->state() != QTextToSpeech::Ready)
            return; // stateChanged(Ready) brings us back
        m_speaking = true;
        m_watchdog->start();
        m_speech->say(m_pending.takeFirst());
    }

    QTextToSpeech* m_speech = nullptr;
    QTimer* m_watchdog = nullptr;
    QStringList m_pending;
    bool m_speaking = false;
};

CallAnnouncer::CallAnnouncer(bool voice, QObject* parent) : QObject(parent)
{
    if (!voice) {
        qInfo("queue screen: voice turned off; calls are shown only");
        return;
    }
    if (QTextToSpeech::availableEngines().isEmpty()) {
        qWarning("queue screen: no text-to-speech engine is installed; calls are shown only");
        return;
    }
    m_worker = new SpeechWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SpeechWorker::engineReady, this, [this](bool ready) { m_voiceReady = ready; });
    m_thread.setObjectName(QStringLiteral("queue voice"));
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &SpeechWorker::start, Qt::QueuedConnection);
}

CallAnnouncer::~CallAnnouncer()
{
    if (!m_thread.isRunning())
        return;
    m_thread.quit();
    // A speech server stuck in a call keeps the thread busy; leaving must not wait for it.
    if (!m_thread.wait(2000)) {
        qWarning("queue screen: the voice thread does not stop; ending it");
        m_thread.terminate();
        m_thread.wait(1000);
    }
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
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, "speak", Qt::QueuedConnection, Q_ARG(QString, spokenForm(text)));
}

} // namespace lumen::registration

#include "call_announcer.moc"
