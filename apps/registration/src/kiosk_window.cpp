#include "kiosk_window.h"

#include "queue_ticket.h"

#include "lumen/client/api_client.h"

#include <QDate>
#include <QDir>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

constexpr int defaultReturnDelayMs = 8000;
constexpr int signInRetryMs = 10000;

void setPointSize(QWidget* widget, int points, bool bold = false)
{
    QFont font = widget->font();
    font.setPointSize(points);
    font.setBold(bold);
    widget->setFont(font);
}

QJsonObject detailsOf(const client::ApiError& error)
{
    return QJsonDocument::fromJson(error.detailsJson).object();
}

} // namespace

KioskWindow::KioskWindow(client::ApiClient& client, QWidget* parent) : QWidget(parent), m_client(client)
{
    setObjectName(QStringLiteral("kioskWindow"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xf4, 0xf8, 0xfc));
    setPalette(pal);

    m_returnTimer.setSingleShot(true);
    m_returnTimer.setInterval(defaultReturnDelayMs);
    connect(&m_returnTimer, &QTimer::timeout, this, &KioskWindow::showScanPage);
    m_signInRetry.setSingleShot(true);
    m_signInRetry.setInterval(signInRetryMs);
    connect(&m_signInRetry, &QTimer::timeout, this, [this] { signIn(m_username, m_password); });
    connect(&m_client, &client::ApiClient::sessionExpired, this, [this] {
        if (!m_username.isEmpty())
            signIn(m_username, m_password);
    });

    m_title = new QLabel(this);
    m_title->setAlignment(Qt::AlignCenter);
    setPointSize(m_title, 34, true);
    m_prompt = new QLabel(this);
    m_prompt->setAlignment(Qt::AlignCenter);
    m_prompt->setWordWrap(true);
    setPointSize(m_prompt, 20);

    m_scan = new QLineEdit(this);
    m_scan->setObjectName(QStringLiteral("scanField"));
    m_scan->setAlignment(Qt::AlignCenter);
    m_scan->setMinimumHeight(90);
    m_scan->setMaxLength(64);
    setPointSize(m_scan, 30, true);
    connect(m_scan, &QLineEdit::returnPressed, this, &KioskWindow::submit);
    m_submit = new QPushButton(this);
    m_submit->setObjectName(QStringLiteral("checkInButton"));
    m_submit->setMinimumSize(220, 90);
    setPointSize(m_submit, 26, true);
    connect(m_submit, &QPushButton::clicked, this, &KioskWindow::submit);
    auto* scanRow = new QHBoxLayout;
    scanRow->addWidget(m_scan, 1);
    scanRow->addWidget(m_submit);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildKeypad());

    auto* ticketPage = new QWidget(this);
    auto* ticketLayout = new QVBoxLayout(ticketPage);
    m_ticketHeading = new QLabel(ticketPage);
    m_ticketNumber = new QLabel(ticketPage);
    m_ticketNumber->setObjectName(QStringLiteral("ticketNumber"));
    m_ticketRoom = new QLabel(ticketPage);
    m_ticketDetails = new QLabel(ticketPage);
    m_ticketDetails->setWordWrap(true);
    for (QLabel* label : {m_ticketHeading, m_ticketNumber, m_ticketRoom, m_ticketDetails}) {
        label->setAlignment(Qt::AlignCenter);
        ticketLayout->addWidget(label);
    }
    setPointSize(m_ticketHeading, 24);
    setPointSize(m_ticketNumber, 96, true);
    setPointSize(m_ticketRoom, 44, true);
    setPointSize(m_ticketDetails, 24);
    m_doneButton = new QPushButton(ticketPage);
    m_doneButton->setMinimumSize(300, 90);
    setPointSize(m_doneButton, 24, true);
    connect(m_doneButton, &QPushButton::clicked, this, &KioskWindow::showScanPage);
    ticketLayout->addWidget(m_doneButton, 0, Qt::AlignCenter);
    m_pages->addWidget(ticketPage);

    auto* messagePage = new QWidget(this);
    auto* messageLayout = new QVBoxLayout(messagePage);
    m_message = new QLabel(messagePage);
    m_message->setObjectName(QStringLiteral("kioskMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    setPointSize(m_message, 30, true);
    QPalette warn = m_message->palette();
    warn.setColor(QPalette::WindowText, QColor(0xa0, 0x30, 0x10));
    m_message->setPalette(warn);
    messageLayout->addStretch();
    messageLayout->addWidget(m_message);
    m_backButton = new QPushButton(messagePage);
    m_backButton->setMinimumSize(300, 90);
    setPointSize(m_backButton, 24, true);
    connect(m_backButton, &QPushButton::clicked, this, &KioskWindow::showScanPage);
    messageLayout->addWidget(m_backButton, 0, Qt::AlignCenter);
    messageLayout->addStretch();
    m_pages->addWidget(messagePage);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("kioskStatus"));
    m_status->setAlignment(Qt::AlignRight);
    setPointSize(m_status, 12);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 30, 40, 20);
    layout->setSpacing(20);
    layout->addWidget(m_title);
    layout->addWidget(m_prompt);
    layout->addLayout(scanRow);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);

    retranslateUi();
    showScanPage();
}

QString KioskWindow::title()
{
    return tr("Self check-in");
}

QWidget* KioskWindow::buildKeypad()
{
    // Accession numbers are a department letter, a date and a number: R20261122-0007.
    auto* keypad = new QWidget(this);
    auto* grid = new QGridLayout(keypad);
    grid->setSpacing(12);
    const QStringList keys = {
        QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("R"),
        QStringLiteral("U"), QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6"),
        QStringLiteral("E"), QStringLiteral("C"), QStringLiteral("7"), QStringLiteral("8"),
        QStringLiteral("9"), QStringLiteral("X"), QStringLiteral("-"), QStringLiteral("0")};
    for (int i = 0; i < keys.size(); ++i) {
        auto* key = new QPushButton(keys[i], keypad);
        key->setFocusPolicy(Qt::NoFocus);
        key->setMinimumSize(110, 80);
        key->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        setPointSize(key, 26, true);
        connect(key, &QPushButton::clicked, this, [this, text = keys[i]] {
            m_scan->insert(text);
            m_scan->setFocus();
        });
        grid->addWidget(key, i / 5, i % 5);
        m_keys.append(key);
    }
    m_backspaceKey = new QPushButton(keypad);
    m_clearKey = new QPushButton(keypad);
    for (QPushButton* key : {m_backspaceKey, m_clearKey}) {
        key->setFocusPolicy(Qt::NoFocus);
        key->setMinimumSize(110, 80);
        key->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        setPointSize(key, 22, true);
    }
    connect(m_backspaceKey, &QPushButton::clicked, this, [this] {
        m_scan->backspace();
        m_scan->setFocus();
    });
    connect(m_clearKey, &QPushButton::clicked, this, [this] {
        m_scan->clear();
        m_scan->setFocus();
    });
    grid->addWidget(m_backspaceKey, 3, 1, 1, 2);
    grid->addWidget(m_clearKey, 3, 3, 1, 2);
    return keypad;
}

void KioskWindow::retranslateUi()
{
    setWindowTitle(title());
    m_title->setText(tr("Self check-in"));
    m_prompt->setText(
        tr("Scan the barcode or QR code on your appointment slip, or type the appointment number."));
    m_scan->setPlaceholderText(tr("Appointment number"));
    m_submit->setText(tr("Check in"));
    m_ticketHeading->setText(tr("Your queue number"));
    m_doneButton->setText(tr("Done"));
    m_backButton->setText(tr("Back"));
    m_backspaceKey->setText(tr("Delete"));
    m_clearKey->setText(tr("Clear"));
    if (page() == Page::Ticket)
        showTicket(m_lastTicket, m_lastAccession);
}

void KioskWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void KioskWindow::keyPressEvent(QKeyEvent* event)
{
    // A scanner's keystrokes may arrive while the ticket is shown: they start the next scan.
    if (!event->text().isEmpty() && event->text().at(0).isPrint() && !m_scan->hasFocus()) {
        showScanPage();
        m_scan->setFocus();
        m_scan->insert(event->text());
        return;
    }
    QWidget::keyPressEvent(event);
}

void KioskWindow::signIn(const QString& username, const QString& password)
{
    m_username = username;
    m_password = password;
    if (username.isEmpty()) {
        m_status->setText(tr("No kiosk account is configured (--user / --password)."));
        emit signedIn(false);
        return;
    }
    m_status->setText(tr("Connecting to %1...").arg(m_client.serverUrl().authority()));
    m_client.login(username, password, this, [this](const client::Result<protocol::SessionInfo>& result) {
        if (result.ok()) {
            m_status->setText(tr("Ready (%1)").arg(m_client.serverUrl().authority()));
            emit signedIn(true);
            return;
        }
        m_status->setText(tr("Cannot sign in: %1").arg(result.error().message));
        qWarning("kiosk: cannot sign in as %s: %s", qPrintable(m_username),
                 qPrintable(result.error().message));
        emit signedIn(false);
        if (result.error().isTransportError())
            m_signInRetry.start();
    });
}

KioskWindow::Page KioskWindow::page() const
{
    return Page(m_pages->currentIndex());
}

QString KioskWindow::ticketText() const
{
    return page() == Page::Ticket ? m_ticketNumber->text() : QString();
}

QString KioskWindow::messageText() const
{
    return page() == Page::Message ? m_message->text() : QString();
}

void KioskWindow::showScanPage()
{
    m_returnTimer.stop();
    m_pages->setCurrentIndex(int(Page::Scan));
    m_scan->clear();
    m_scan->setEnabled(true);
    m_submit->setEnabled(true);
    m_scan->setFocus();
}

void KioskWindow::submit()
{
    // Scanners send upper or lower case depending on their setup; accession numbers are upper.
    const QString accession = m_scan->text().trimmed().toUpper();
    if (accession.isEmpty() || m_busy)
        return;
    if (!m_client.isLoggedIn()) {
        showMessage(tr("The kiosk is not ready. Please ask at the desk."));
        return;
    }
    m_busy = true;
    m_returnTimer.stop();
    m_submit->setEnabled(false);
    m_status->setText(tr("Checking in %1...").arg(accession));
    m_client.checkIn(accession, this, [this, accession](const client::Result<client::CheckInTicket>& result) {
        m_busy = false;
        m_submit->setEnabled(true);
        m_scan->clear();
        m_status->setText(tr("Ready (%1)").arg(m_client.serverUrl().authority()));
        if (!result.ok()) {
            const QString text = refusalText(result.error());
            qInfo("kiosk: %s refused: %s %s", qPrintable(accession), qPrintable(result.error().code),
                  qPrintable(result.error().message));
            showMessage(text);
            emit refused(text);
            return;
        }
        showTicket(result.value(), accession);
        const QString pdf = printTicket(result.value(), accession);
        emit checkedIn(result.value(), pdf);
    });
}

QString KioskWindow::refusalText(const client::ApiError& error)
{
    if (error.isTransportError())
        return tr("The kiosk cannot reach the server. Please ask at the desk.");
    const QJsonObject details = detailsOf(error);
    if (error.code == QLatin1String("not_today")) {
        const QDate date = QDate::fromString(details.value(QStringLiteral("date")).toString(), Qt::ISODate);
        if (date.isValid())
            return tr("Your appointment is on %1, not today. Please come on that day or ask at the desk.")
                .arg(date.toString(QStringLiteral("yyyy-MM-dd")));
        return tr("Your appointment is not today. Please ask at the desk.");
    }
    if (error.code == QLatin1String("not_checkable")) {
        const QString status = details.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("cancelled"))
            return tr("This appointment was cancelled. Please ask at the desk.");
        if (status == QLatin1String("requested"))
            return tr("This exam has no appointment yet. Please book it at the desk.");
        return tr("This exam cannot be checked in here. Please ask at the desk.");
    }
    if (error.httpStatus == 404)
        return tr("This appointment number is unknown. Please check your slip or ask at the desk.");
    if (error.httpStatus == 401 || error.httpStatus == 403)
        return tr("The kiosk is not ready. Please ask at the desk.");
    if (error.httpStatus == 400)
        return tr("This is not an appointment number. Please scan the code on your slip.");
    return tr("Check-in is not possible now. Please ask at the desk.");
}

void KioskWindow::showTicket(const client::CheckInTicket& ticket, const QString& accession)
{
    m_lastTicket = ticket;
    m_lastAccession = accession;
    m_ticketNumber->setText(ticket.ticket);
    m_ticketRoom->setText(ticket.roomName.isEmpty() ? ticket.roomId : ticket.roomName);
    QStringList details;
    if (!ticket.patientName.isEmpty())
        details << ticket.patientName;
    details << tr("%n patient(s) waiting before you", nullptr, ticket.waitingBefore);
    if (ticket.again)
        details << tr("You were already checked in; this is your ticket again.");
    details << tr("Please take your ticket and wait to be called.");
    m_ticketDetails->setText(details.join(QLatin1Char('\n')));
    m_pages->setCurrentIndex(int(Page::Ticket));
    m_scan->setFocus();
    m_returnTimer.start();
}

void KioskWindow::showMessage(const QString& text)
{
    m_message->setText(text);
    m_pages->setCurrentIndex(int(Page::Message));
    m_scan->setFocus();
    m_returnTimer.start();
}

QString KioskWindow::printTicket(const client::CheckInTicket& ticket, const QString& accession)
{
    if (!m_ticketPdfDir.isEmpty()) {
        QDir().mkpath(m_ticketPdfDir);
        QString safe = accession;
        safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
        const QString path =
            QDir(m_ticketPdfDir).filePath(QStringLiteral("ticket-%1-%2.pdf").arg(ticket.ticket, safe));
        if (QueueTicket::savePdf(path, ticket, accession)) {
            qInfo("kiosk: ticket %s written to %s", qPrintable(ticket.ticket), qPrintable(path));
            return path;
        }
        qWarning("kiosk: cannot write the ticket PDF %s", qPrintable(path));
        return {};
    }
    if (!QueueTicket::printOnDefaultPrinter(ticket, accession))
        qWarning("kiosk: no printer; ticket %s shown on screen only", qPrintable(ticket.ticket));
    return {};
}

} // namespace lumen::registration
