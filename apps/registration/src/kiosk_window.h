#pragma once
// The self check-in kiosk (自助报到): full screen, large touch targets, Chinese by default. A
// barcode scanner types the slip's accession number and Enter into the scan field (or the
// patient types it on the keypad); the server checks the exam in and gives a queue ticket,
// shown in large type and printed. Refusals are told in words; after a few seconds the kiosk
// returns to the scan screen by itself.
#include "lumen/client/queue_types.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace lumen::client {
class ApiClient;
struct ApiError;
} // namespace lumen::client

namespace lumen::registration {

class KioskWindow : public QWidget
{
    Q_OBJECT
public:
    enum class Page { Scan, Ticket, Message };

    explicit KioskWindow(client::ApiClient& client, QWidget* parent = nullptr);

    // Signs in with the kiosk's own account, again whenever the session ends.
    void signIn(const QString& username, const QString& password);
    // Tickets are written as PDF files there instead of going to the printer.
    void setTicketPdfDir(const QString& dir) { m_ticketPdfDir = dir; }
    void setReturnDelayMs(int delayMs) { m_returnTimer.setInterval(delayMs); }

    QLineEdit* scanField() const { return m_scan; }
    Page page() const;
    QString ticketText() const;
    QString messageText() const;
    // Words for a refused check-in, as the patient reads them.
    static QString refusalText(const client::ApiError& error);

    static QString title();

signals:
    void checkedIn(const lumen::client::CheckInTicket& ticket, const QString& printedPdf);
    void refused(const QString& message);
    void signedIn(bool ok);

public slots:
    void submit();
    void showScanPage();

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void retranslateUi();
    void showTicket(const client::CheckInTicket& ticket, const QString& accession);
    void showMessage(const QString& text);
    QString printTicket(const client::CheckInTicket& ticket, const QString& accession);
    QWidget* buildKeypad();

    client::ApiClient& m_client;
    QString m_username;
    QString m_password;
    QString m_ticketPdfDir;
    bool m_busy = false;
    QTimer m_returnTimer;
    QTimer m_signInRetry;

    QLabel* m_title = nullptr;
    QLabel* m_prompt = nullptr;
    QLineEdit* m_scan = nullptr;
    QPushButton* m_submit = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_ticketHeading = nullptr;
    QLabel* m_ticketNumber = nullptr;
    QLabel* m_ticketRoom = nullptr;
    QLabel* m_ticketDetails = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_doneButton = nullptr;
    QPushButton* m_backButton = nullptr;
    QLabel* m_status = nullptr;
    QList<QPushButton*> m_keys;
    QPushButton* m_clearKey = nullptr;
    QPushButton* m_backspaceKey = nullptr;
    client::CheckInTicket m_lastTicket;
    QString m_lastAccession;
};

} // namespace lumen::registration
