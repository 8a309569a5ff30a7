#pragma once
// Orthanc (Debian package orthanc, /usr/sbin/Orthanc) as a real DICOM peer for integration
// tests: a generated configuration with its own folders, loopback-only HTTP without
// authentication, no plugins, and the modalities it may talk to. Orthanc 1.10 listens on every
// interface; tests only ever send to 127.0.0.1.
#include <QList>
#include <QProcess>
#include <QString>

namespace lumen::test {

// A port free on every interface (Orthanc and storescp bind them all).
quint16 freePort();

class OrthancPeer
{
public:
    struct Modality
    {
        QString name; // Orthanc's symbolic name, used in /modalities/{name}/...
        QString aeTitle;
        quint16 port = 0; // on 127.0.0.1
    };

    ~OrthancPeer() { stop(); }
    static bool installed();

    // `dicomPort` 0 picks a free one. False, with `error`, when /system does not answer.
    bool start(const QString& dir, const QList<Modality>& modalities, QString& error, quint16 dicomPort = 0);
    void stop();

    quint16 dicomPort = 0;
    quint16 httpPort = 0;

private:
    QProcess m_process;
};

} // namespace lumen::test
