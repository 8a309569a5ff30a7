// GUI tests of the registration desk against the real server, in real windows (run under
// xvfb-run). They log in through the login dialog, type like a nurse (Chinese through an
// input-method commit, as a pinyin IME delivers it) and check what the screen shows.
#include "duplicate_dialog.h"
#include "history_dialog.h"
#include "merge_dialog.h"
#include "patient_editor.h"
#include "patient_form.h"
#include "patient_picker.h"
#include "patient_search_panel.h"
#include "patient_table_model.h"
#include "registration_window.h"
#include "test_server.h"

#include "lumen/client/api_client.h"
#include "lumen/core/national_id.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/language.h"
#include "lumen/ui/login_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen;

namespace {

QString artifactDir()
{
    QDir dir(QStringLiteral(LUMEN_GUI_ARTIFACT_DIR));
    dir.mkpath(QStringLiteral("."));
    return dir.absolutePath();
}

// Chinese text arrives from an IME as one committed string, not as key presses.
void typeCommitted(QWidget* widget, const QString& text)
{
    widget->setFocus(Qt::MouseFocusReason);
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(widget, &event);
}

// A valid resident ID for a birth date and sex (odd 17th digit: male), region Beijing Chaoyang.
QString nationalIdFor(const QString& yyyymmdd, bool male)
{
    std::string first17 = "110105" + yyyymmdd.toStdString() + "02" + (male ? "3" : "4");
    return QString::fromStdString(first17 + core::nationalIdCheckCharacter(first17));
}

// Number of distinct colours in `rect` of `image`: text drawn there gives many.
int distinctColours(const QImage& image, const QRect& rect)
{
    QSet<QRgb> colours;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

// Picks a sex with the arrow keys, as a nurse tabbing through the form does.
bool chooseSex(QWidget* combo, core::Sex sex)
{
    auto* box = qobject_cast<QComboBox*>(combo);
    const QString code = QString::fromLatin1(core::toCode(sex).data(), 1);
    box->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < box->count() && box->currentData().toString() != code; ++i)
        QTest::keyClick(box, Qt::Key_Down);
    return box->currentData().toString() == code;
}

QString saveShot(QWidget* widget, const QString& name, QImage* shot)
{
    *shot = widget->grab().toImage();
    const QString path = artifactDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!shot->save(path))
        return {};
    qInfo("screenshot: %s", qPrintable(path));
    return path;
}

} // namespace

class RegistrationGuiTest : public QObject
{
    Q_OBJECT
private:
    test::TestServer m_server;

    // Logs in through the real dialog (the registrar unless told); Enter submits.
    bool logIn(client::ApiClient& client, const QString& username = QStringLiteral("registrar"))
    {
        ui::LoginDialog dialog(client);
        dialog.show();
        if (!QTest::qWaitForWindowExposed(&dialog))
            return false;
        auto* server = dialog.findChild<QLineEdit*>(QStringLiteral("serverEdit"));
        auto* user = dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
        if (!server || !user || !password)
            return false;
        server->selectAll();
        QTest::keyClicks(server, m_server.url().toString());
        user->selectAll();
        QTest::keyClicks(user, username);
        QTest::keyClicks(password, QStringLiteral("Lumen@2026"));
        QImage shot;
        saveShot(&dialog, QStringLiteral("login_%1").arg(ui::Language::current()), &shot);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::keyClick(password, Qt::Key_Return);
        return QTest::qWaitFor([&] { return accepted.count() == 1; }, 15000);
    }

    bool showWindow(registration::RegistrationWindow& window)
    {
        window.show();
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window, 10000);
    }

    // The first demo patients, straight from the API (newest first).
    std::vector<core::Patient> demoPatients(client::ApiClient& client, int count)
    {
        std::vector<core::Patient> patients;
        bool answered = false;
        client.searchPatients({}, count, 0, nullptr, [&](const client::Result<client::PatientPage>& r) {
            answered = true;
            if (r.ok())
                patients = r.value().items;
        });
        (void)QTest::qWaitFor([&] { return answered; }, 15000);
        return patients;
    }

    // Searches through the API and returns the ids found.
    std::vector<core::PatientId> idsFound(client::ApiClient& client, const QString& query)
    {
        std::vector<core::PatientId> ids;
        bool answered = false;
        client.searchPatients(query, 10, 0, nullptr, [&](const client::Result<client::PatientPage>& r) {
            answered = true;
            if (r.ok())
                for (const auto& p : r.value().items)
                    ids.push_back(p.id);
        });
        (void)QTest::qWaitFor([&] { return answered; }, 15000);
        return ids;
    }

    template <typename T> T* waitForVisible(QWidget* parent)
    {
        T* found = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                for (T* candidate : parent->findChildren<T*>())
                    if (candidate->isVisible())
                        found = candidate;
                return found != nullptr;
            },
            15000);
        return found;
    }

    void languageRows()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("zh_CN") << ui::Language::chinese;
        QTest::newRow("en") << ui::Language::english;
    }

private slots:
    void initTestCase()
    {
        if (test::TestServer::binaryPath().isEmpty())
            QSKIP("lumen-server was not built and LUMEN_SERVER_BINARY is not set");
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("server: %s", qPrintable(m_server.url().toString()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void registrar_registers_patient_and_finds_it_data() { languageRows(); }
    // req: 000 §2.3.7.5 registration of patient details; search by name and any number
    void registrar_registers_patient_and_finds_it()
    {
        QFETCH(QString, language);
        ui::Language::apply(language);
        const bool chinese = language == ui::Language::chinese;
        // Each row registers its own patient: another birth date, so no duplicate prompt.
        const QString birth = chinese ? QStringLiteral("19860315") : QStringLiteral("19900721");
        const QString nationalId = nationalIdFor(birth, false);
        const QString cardNo =
            QStringLiteral("JZK-GUI-%1").arg(chinese ? QStringLiteral("ZH") : QStringLiteral("EN"));
        const QString name = QStringLiteral("李晓梅");

        client::ApiClient client;
        QVERIFY(logIn(client));
        QCOMPARE(QString::fromStdString(client.session().user.username), QStringLiteral("registrar"));

        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* editor = window.editor();
        auto* form = editor->form();

        // Ctrl+N: a new, empty registration.
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        QVERIFY(form->isNew());
        typeCommitted(form->editor(QStringLiteral("name")), name);
        auto* idEdit = qobject_cast<QLineEdit*>(form->editor(QStringLiteral("nationalId")));
        QTest::mouseClick(idEdit, Qt::LeftButton);
        QTest::keyClicks(idEdit, nationalId);
        // The ID fills in sex and birth date.
        QCOMPARE(form->patient().sex, core::Sex::Female);
        QVERIFY(form->patient().birthDate.has_value());
        QCOMPARE(
            QString::fromStdString(core::formatIsoDate(*form->patient().birthDate)).remove(QLatin1Char('-')),
            birth);
        QTest::keyClicks(form->editor(QStringLiteral("phone")), QStringLiteral("13912345678"));
        QTest::keyClicks(form->editor(QStringLiteral("medicalCardNo")), cardNo);
        typeCommitted(form->editor(QStringLiteral("address")), QStringLiteral("北京市朝阳区建国路88号"));
        for (const QString& field : registration::PatientForm::fields())
            QVERIFY2(form->fieldMessage(field).isEmpty() || field == QLatin1String("nationalId"),
                     qPrintable(field + QStringLiteral(": ") + form->fieldMessage(field)));

        // Ctrl+S saves through the server.
        QSignalSpy saved(editor, &registration::PatientEditor::patientSaved);
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        QVERIFY2(QTest::qWaitFor([&] { return saved.count() == 1; }, 15000),
                 qPrintable(editor->messageText()));
        const auto stored = saved.at(0).at(0).value<core::Patient>();
        QVERIFY(stored.id > 0);
        QCOMPARE(QString::fromStdString(stored.name), name);
        QCOMPARE(QString::fromStdString(stored.identifier(core::IdentifierKind::NationalId).value_or("")),
                 nationalId);
        QVERIFY(!form->isNew());

        // Ctrl+F, type the name, Enter: the new patient is in the result table.
        auto* search = window.searchPanel();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(window.focusWidget(), search->searchField());
        search->searchField()->clear();
        QSignalSpy searched(search, &registration::PatientSearchPanel::searchFinished);
        typeCommitted(search->searchField(), name);
        QTest::keyClick(search->searchField(), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return !search->isSearching() && searched.count() > 0; }, 15000));
        auto* model = search->model();
        const int row = model->rowOf(stored.id);
        QVERIFY2(row >= 0, qPrintable(search->statusText()));
        QCOMPARE(model->index(row, registration::PatientTableModel::Name).data().toString(), name);
        QCOMPARE(model->index(row, registration::PatientTableModel::MedicalCardNo).data().toString(), cardNo);
        QCOMPARE(model->index(row, registration::PatientTableModel::Sex).data().toString(),
                 ui::DomainText::sexName(core::Sex::Female));

        // What the nurse sees: the row lies inside the table's viewport, its cells are wide
        // enough for their text, and the pixels there are drawn text, not an empty band.
        QTableView* table = search->table();
        search->selectPatient(stored.id);
        QTest::qWait(100);
        QRect rowRect;
        for (int col = 0; col < model->columnCount(); ++col) {
            const QModelIndex index = model->index(row, col);
            const QRect cell = table->visualRect(index);
            rowRect |= cell;
            const QString text = index.data().toString();
            QVERIFY2(table->fontMetrics().horizontalAdvance(text) < cell.width(),
                     qPrintable(QStringLiteral("column %1 truncates '%2'").arg(col).arg(text)));
            const QString header = model->headerData(col, Qt::Horizontal, Qt::DisplayRole).toString();
            QVERIFY2(table->horizontalHeader()->fontMetrics().horizontalAdvance(header) <
                         table->horizontalHeader()->sectionSize(col),
                     qPrintable(QStringLiteral("header '%1' is truncated").arg(header)));
        }
        QVERIFY2(table->viewport()->rect().contains(rowRect),
                 qPrintable(QStringLiteral("row %1,%2 %3x%4 outside the viewport %5x%6")
                                .arg(rowRect.x())
                                .arg(rowRect.y())
                                .arg(rowRect.width())
                                .arg(rowRect.height())
                                .arg(table->viewport()->width())
                                .arg(table->viewport()->height())));
        // The font can draw the name (a CJK font is installed and chosen).
        for (const QChar c : name)
            QVERIFY(table->fontMetrics().inFont(c));

        QImage shot;
        const QString path = saveShot(&window, QStringLiteral("registration_%1").arg(language), &shot);
        QVERIFY(!path.isEmpty());
        const qreal dpr = shot.devicePixelRatio();
        const QRect inWindow(table->viewport()->mapTo(&window, rowRect.topLeft()) * dpr,
                             rowRect.size() * dpr);
        const QRect nameCell(
            table->viewport()->mapTo(&window, table->visualRect(model->index(row, 0)).topLeft()) * dpr,
            table->visualRect(model->index(row, 0)).size() * dpr);
        QVERIFY2(distinctColours(shot, inWindow) > 8, "the result row is a uniform band");
        QVERIFY2(distinctColours(shot, nameCell) > 4, "the name cell shows no glyphs");
        QImage reloaded;
        QVERIFY(reloaded.load(path));
        QCOMPARE(reloaded.size(), shot.size());
        QCOMPARE(reloaded.pixel(inWindow.center()), shot.pixel(inWindow.center()));
    }

    void invalid_national_id_is_refused_with_words_data() { languageRows(); }
    // req: 001 关怀版 颜色用途: input errors are told in words, not by colour alone
    void invalid_national_id_is_refused_with_words()
    {
        QFETCH(QString, language);
        ui::Language::apply(language);
        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* editor = window.editor();
        auto* form = editor->form();

        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        typeCommitted(form->editor(QStringLiteral("name")), QStringLiteral("张建国"));
        QString wrong = nationalIdFor(QStringLiteral("19750412"), true);
        wrong[17] = wrong[17] == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1');
        auto* idEdit = qobject_cast<QLineEdit*>(form->editor(QStringLiteral("nationalId")));
        QTest::mouseClick(idEdit, Qt::LeftButton);
        QTest::keyClicks(idEdit, wrong);

        // The message beside the field says what is wrong, in the interface language.
        const QString expected = ui::DomainText::nationalIdProblem(core::NationalIdProblem::BadCheckDigit);
        QCOMPARE(form->fieldMessage(QStringLiteral("nationalId")), expected);
        auto* label = form->findChild<QLabel*>(QStringLiteral("nationalIdMessage"));
        QVERIFY(label && label->isVisible());
        if (language == ui::Language::chinese)
            QVERIFY2(expected.contains(QStringLiteral("校验")), qPrintable(expected));
        else
            QVERIFY2(expected.contains(QStringLiteral("check digit")), qPrintable(expected));
        // A wrong ID fills in nothing.
        QCOMPARE(form->patient().sex, core::Sex::Unknown);

        // Save is refused locally: no request, the form stays new, the cursor goes to the ID.
        QSignalSpy saved(editor, &registration::PatientEditor::patientSaved);
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        QTest::qWait(1000);
        QCOMPARE(saved.count(), 0);
        QVERIFY(form->isNew());
        QVERIFY(!editor->messageText().isEmpty());
        QCOMPARE(window.focusWidget(), idEdit);

        // And the server has no such patient.
        bool answered = false;
        int found = -1;
        client.searchPatients(wrong, 10, 0, nullptr, [&](const client::Result<client::PatientPage>& r) {
            answered = true;
            found = r.ok() ? int(r.value().items.size()) : -1;
        });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 15000));
        QCOMPARE(found, 0);

        QImage shot;
        const QString path = saveShot(&window, QStringLiteral("invalid_national_id_%1").arg(language), &shot);
        QVERIFY(!path.isEmpty());
        const qreal dpr = shot.devicePixelRatio();
        const QRect labelRect(label->mapTo(&window, QPoint(0, 0)) * dpr, label->size() * dpr);
        QVERIFY(shot.rect().contains(labelRect));
        QVERIFY2(distinctColours(shot, labelRect) > 4, "the message label shows no text");
        QVERIFY2(label->fontMetrics().boundingRect(label->rect(), Qt::TextWordWrap, label->text()).height() <=
                     label->height(),
                 "the message is cut off");
    }
    void same_name_and_birth_date_offers_the_existing_patient_data() { languageRows(); }
    // req: 000 §2.3.7.5 revisit prompt: a returning patient is not registered twice
    void same_name_and_birth_date_offers_the_existing_patient()
    {
        QFETCH(QString, language);
        ui::Language::apply(language);
        client::ApiClient client;
        QVERIFY(logIn(client));
        const auto demo = demoPatients(client, 1);
        QVERIFY(!demo.empty() && demo[0].birthDate);
        const core::Patient& existing = demo[0];
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* form = window.editor()->form();

        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        typeCommitted(form->editor(QStringLiteral("name")), QString::fromStdString(existing.name));
        QTest::keyClicks(form->editor(QStringLiteral("birthDate")),
                         QString::fromStdString(core::formatIsoDate(*existing.birthDate)));
        QVERIFY(chooseSex(form->editor(QStringLiteral("sex")), existing.sex));
        QTest::keyClicks(form->editor(QStringLiteral("phone")), QStringLiteral("13700001111"));
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);

        auto* dialog = waitForVisible<registration::DuplicateDialog>(&window);
        QVERIFY2(dialog, qPrintable(window.editor()->messageText()));
        auto* candidates = dialog->findChild<QTableWidget*>(QStringLiteral("candidateTable"));
        QVERIFY(candidates && candidates->rowCount() >= 1);
        QCOMPARE(candidates->item(0, 0)->text(), QString::fromStdString(existing.name));
        QImage shot;
        QVERIFY(!saveShot(dialog, QStringLiteral("possible_duplicate_%1").arg(language), &shot).isEmpty());

        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("openExistingButton")),
                          Qt::LeftButton);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return window.editor()->currentPatient() &&
                       window.editor()->currentPatient()->id == existing.id;
            },
            15000));
        QVERIFY(!form->isModified());
        // Nothing new was registered under that name.
        const auto ids = idsFound(client, QString::fromStdString(existing.name));
        QVERIFY(std::count(ids.begin(), ids.end(), existing.id) == 1);
    }

    void used_card_number_is_named_beside_its_field_data() { languageRows(); }
    // req: 000 §2.3.1.1 each hospital identifier belongs to one patient
    void used_card_number_is_named_beside_its_field()
    {
        QFETCH(QString, language);
        ui::Language::apply(language);
        client::ApiClient client;
        QVERIFY(logIn(client));
        const auto demo = demoPatients(client, 1);
        QVERIFY(!demo.empty());
        const auto card = demo[0].identifier(core::IdentifierKind::MedicalCardNo);
        QVERIFY(card);
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* form = window.editor()->form();

        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        typeCommitted(form->editor(QStringLiteral("name")), QStringLiteral("王芳"));
        QVERIFY(chooseSex(form->editor(QStringLiteral("sex")), core::Sex::Female));
        QTest::keyClicks(form->editor(QStringLiteral("medicalCardNo")), QString::fromStdString(*card));
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);

        auto* question = waitForVisible<QMessageBox>(&window);
        QVERIFY2(question, qPrintable(window.editor()->messageText()));
        const QString label = ui::DomainText::fieldLabel(QStringLiteral("medicalCardNo"));
        QVERIFY2(form->fieldMessage(QStringLiteral("medicalCardNo")).contains(label),
                 qPrintable(form->fieldMessage(QStringLiteral("medicalCardNo"))));
        QImage shot;
        QVERIFY(!saveShot(&window, QStringLiteral("used_card_number_%1").arg(language), &shot).isEmpty());
        QVERIFY(!saveShot(question, QStringLiteral("used_card_number_question_%1").arg(language), &shot)
                     .isEmpty());
        question->button(QMessageBox::Cancel)->click();
        QVERIFY(form->isNew());
    }

    void merge_needs_confirmation_and_can_be_undone_data() { languageRows(); }
    // req: 000 §2.3.7.5 merge patient records; 003 §2 repair of wrong data
    void merge_needs_confirmation_and_can_be_undone()
    {
        QFETCH(QString, language);
        ui::Language::apply(language);
        client::ApiClient client;
        QVERIFY(logIn(client));
        // Each language row merges its own pair.
        const auto demo = demoPatients(client, 8);
        QVERIFY(demo.size() == 8);
        const std::size_t first = language == ui::Language::chinese ? 2 : 5;
        const core::Patient& keep = demo[first];
        const core::Patient& duplicate = demo[first + 1];
        const QString duplicateCard =
            QString::fromStdString(duplicate.identifier(core::IdentifierKind::MedicalCardNo).value_or(""));
        QVERIFY(!duplicateCard.isEmpty());

        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        window.editor()->showPatient(keep);
        QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier);
        auto* dialog = waitForVisible<registration::MergeDialog>(&window);
        QVERIFY(dialog);
        auto* source = dialog->findChild<registration::PatientPicker*>(QStringLiteral("sourcePicker"));
        auto* target = dialog->findChild<registration::PatientPicker*>(QStringLiteral("targetPicker"));
        QVERIFY(source && target && target->patient() && target->patient()->id == keep.id);
        QTest::keyClicks(source->queryField(), duplicateCard);
        QTest::keyClick(source->queryField(), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return source->patient().has_value(); }, 15000));
        QCOMPARE(source->patient()->id, duplicate.id);

        // No merge without the explicit confirmation.
        auto* mergeButton = dialog->findChild<QPushButton*>(QStringLiteral("mergeButton"));
        auto* confirm = dialog->findChild<QCheckBox*>(QStringLiteral("confirmMergeCheck"));
        QVERIFY(!mergeButton->isEnabled());
        QImage shot;
        QVERIFY(!saveShot(dialog, QStringLiteral("merge_compare_%1").arg(language), &shot).isEmpty());
        confirm->click();
        QVERIFY(mergeButton->isEnabled());
        QSignalSpy changed(dialog, &registration::MergeDialog::patientsChanged);
        mergeButton->click();
        QVERIFY(QTest::qWaitFor([&] { return changed.count() == 1; }, 15000));
        QVERIFY(!saveShot(dialog, QStringLiteral("merge_done_%1").arg(language), &shot).isEmpty());
        // The duplicate's card number now leads to the record kept.
        auto ids = idsFound(client, duplicateCard);
        QVERIFY(ids.size() == 1 && ids[0] == keep.id);

        auto* undo = dialog->findChild<QPushButton*>(QStringLiteral("undoMergeButton"));
        QVERIFY(undo && undo->isVisible());
        undo->click();
        QVERIFY(QTest::qWaitFor([&] { return changed.count() == 2; }, 15000));
        ids = idsFound(client, duplicateCard);
        QVERIFY(ids.size() == 1 && ids[0] == duplicate.id);
        dialog->close();

        // The kept record's history lists the merge and its undo, newest first.
        QTRY_VERIFY(window.editor()->currentPatient() && window.editor()->currentPatient()->id == keep.id);
        // Without a window manager nobody hands activation back after a dialog closes.
        QVERIFY(showWindow(window));
        QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
        auto* history = waitForVisible<registration::HistoryDialog>(&window);
        QVERIFY(history);
        auto* entries = history->findChild<QTableWidget*>(QStringLiteral("historyTable"));
        QTRY_VERIFY_WITH_TIMEOUT(entries->rowCount() >= 2, 15000);
        QCOMPARE(entries->item(0, 2)->text(), ui::DomainText::historyAction(QStringLiteral("unmerge")));
        QCOMPARE(entries->item(1, 2)->text(), ui::DomainText::historyAction(QStringLiteral("merge")));
        QVERIFY(!saveShot(history, QStringLiteral("history_%1").arg(language), &shot).isEmpty());
        history->close();
    }

    // The interface follows a language change at once, without reopening windows.
    void switching_language_retranslates_the_open_window()
    {
        ui::Language::apply(ui::Language::english);
        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        ui::Language::apply(ui::Language::chinese);
        // QEvent::LanguageChange is posted; it arrives on the next turn of the event loop.
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
        QCOMPARE(window.searchPanel()->model()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("姓名"));
        QCOMPARE(window.editor()->form()->findChild<QCheckBox*>(QStringLiteral("confidentialCheck"))->text(),
                 QStringLiteral("保密患者（仅授权人员可见）"));
        ui::Language::apply(ui::Language::english);
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    }
    // req: 000 §2.3.5 patient search by name and every identifier, paged
    void paging_walks_through_the_results()
    {
        ui::Language::apply(ui::Language::english);
        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* search = window.searchPanel();
        auto* next = search->findChild<QPushButton*>(QStringLiteral("nextPageButton"));
        auto* previous = search->findChild<QPushButton*>(QStringLiteral("previousPageButton"));
        QSignalSpy searched(search, &registration::PatientSearchPanel::searchFinished);
        // An empty query lists the newest patients, one page at a time.
        QTest::keyClick(search->searchField(), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return searched.count() == 1; }, 15000));
        QCOMPARE(search->model()->rowCount(), registration::PatientSearchPanel::pageSize);
        QVERIFY(next->isEnabled());
        QVERIFY(!previous->isEnabled());
        const auto firstOfPage1 = search->model()->patientAt(0)->id;
        QTest::mouseClick(next, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return searched.count() == 2; }, 15000));
        QVERIFY(previous->isEnabled());
        QVERIFY(search->model()->patientAt(0)->id != firstOfPage1);
        QVERIFY2(search->statusText().contains(QStringLiteral("51")), qPrintable(search->statusText()));
        QTest::mouseClick(previous, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return searched.count() == 3; }, 15000));
        QCOMPARE(search->model()->patientAt(0)->id, firstOfPage1);
    }

    // The client hides what the server would refuse: a clinician reads, a registrar
    // registers, only a user allowed to see confidential patients may flag one.
    // req: 003 §2 (8) role-based permission management; 000 §2.3.1 confidential patients
    void actions_follow_the_role_permissions()
    {
        ui::Language::apply(ui::Language::english);
        struct Expectation
        {
            QString user;
            bool canWrite;
            bool canConfidential;
        };
        for (const Expectation& e : {Expectation{QStringLiteral("clinician"), false, false},
                                     Expectation{QStringLiteral("registrar"), true, false},
                                     Expectation{QStringLiteral("admin"), true, true}}) {
            client::ApiClient client;
            QVERIFY(logIn(client, e.user));
            registration::RegistrationWindow window(client);
            QVERIFY(showWindow(window));
            auto* form = window.editor()->form();
            auto* save = window.editor()->findChild<QPushButton*>(QStringLiteral("saveButton"));
            auto* name = qobject_cast<QLineEdit*>(form->editor(QStringLiteral("name")));
            auto* confidential = form->findChild<QCheckBox*>(QStringLiteral("confidentialCheck"));
            QVERIFY2(save->isEnabled() == e.canWrite, qPrintable(e.user));
            QVERIFY2(name->isReadOnly() == !e.canWrite, qPrintable(e.user));
            QVERIFY2(confidential->isEnabled() == e.canConfidential, qPrintable(e.user));
            if (!e.canWrite) {
                // The reason is given in words, not only by a greyed-out button.
                QVERIFY(!save->toolTip().isEmpty());
                QImage shot;
                QVERIFY(!saveShot(&window, QStringLiteral("read_only_%1").arg(e.user), &shot).isEmpty());
            }
        }
    }
};

int main(int argc, char* argv[])
{
    // xcb under xvfb-run; offscreen when there is no display at all.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings of this run stay in a temporary folder.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QApplication app(argc, argv);
    ui::initClientApplication(app, QStringLiteral("lumen-registration-gui-test"),
                              &registration::RegistrationWindow::title);
    RegistrationGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_registration_gui.moc"
