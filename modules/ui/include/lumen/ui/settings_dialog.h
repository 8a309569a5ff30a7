#pragma once
// Workstation settings: the server address (used at the next log-in) and the language
// (applied at once).
#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace lumen::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* event) override;

private:
    void save();
    void retranslateUi();

    QLabel* m_serverLabel = nullptr;
    QLabel* m_languageLabel = nullptr;
    QLabel* m_note = nullptr;
    QLineEdit* m_server = nullptr;
    QComboBox* m_language = nullptr;
};

} // namespace lumen::ui
