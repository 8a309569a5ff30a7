#include "patient_samples.h"

#include <QJsonArray>

namespace lumen::test {

namespace {
QChar checkCharacter(const QString& first17)
{
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char checks[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * weights[i];
    return QLatin1Char(checks[sum % 11]);
}
} // namespace

QString makeNationalId(const QString& birthYyyymmdd, int sequence, const QString& region)
{
    const QString first17 =
        region + birthYyyymmdd + QStringLiteral("%1").arg(sequence, 3, 10, QLatin1Char('0'));
    Q_ASSERT(first17.size() == 17);
    return first17 + checkCharacter(first17);
}

QString withWrongCheckDigit(const QString& nationalId)
{
    const QChar right = nationalId.at(17);
    const QChar wrong = right == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    return nationalId.left(17) + wrong;
}

bool itemsContainId(const QJsonObject& page, qint64 id)
{
    for (const auto& item : page.value(QStringLiteral("items")).toArray())
        if (item.toObject().value(QStringLiteral("id")).toInteger() == id)
            return true;
    return false;
}

} // namespace lumen::test
