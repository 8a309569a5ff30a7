#pragma once
// Speaks queue calls aloud (Qt TextToSpeech, Chinese voice when there is one). The voice runs
// on a thread of its own, so a speech server that hangs never freezes the screen. Without a
// voice engine the calls are only logged and the screen goes on working.
#include <QObject>
#include <QThread>

#include <atomic>

namespace lumen::registration {

class SpeechWorker;

class CallAnnouncer : public QObject
{
    Q_OBJECT
public:
    // `voice` false: never speak (a screen without loudspeakers, or tests).
    explicit CallAnnouncer(bool voice, QObject* parent = nullptr);
    ~CallAnnouncer() override;

    // Whether a voice engine answered ready (it may still fail later).
    bool hasVoice() const { return m_voiceReady; }
    // Shows `text` in the log and queues it to be spoken after what is being spoken now.
    void announce(const QString& text);
    // What a voice says for the text shown: masked characters are read as 某.
    static QString spokenForm(const QString& shown);

signals:
    void announced(const QString& text);

private:
    QThread m_thread;
    SpeechWorker* m_worker = nullptr;
    std::atomic<bool> m_voiceReady{false};
};

} // namespace lumen::registration
