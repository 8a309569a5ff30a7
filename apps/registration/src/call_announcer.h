#pragma once
// Speaks queue calls aloud (Qt TextToSpeech, Chinese voice when there is one). Without a voice
// engine the calls are only logged and the screen goes on working.
#include <QObject>
#include <QStringList>

class QTextToSpeech;

namespace lumen::registration {

class CallAnnouncer : public QObject
{
    Q_OBJECT
public:
    // `voice` false: never speak (a screen without loudspeakers, or tests).
    explicit CallAnnouncer(bool voice, QObject* parent = nullptr);

    bool hasVoice() const { return m_speech != nullptr; }
    // Queues `text` to be spoken after what is being spoken now.
    void announce(const QString& text);
    // What a voice says for the text shown: masked characters are read as 某.
    static QString spokenForm(const QString& shown);

signals:
    void announced(const QString& text);

private:
    void speakNext();

    QTextToSpeech* m_speech = nullptr;
    QStringList m_pending;
    bool m_speaking = false;
};

} // namespace lumen::registration
