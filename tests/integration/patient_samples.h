#pragma once
// Sample patient data for integration tests, built independently of the server's own code so
// the tests check the server against the standard rather than against itself.
#include <QJsonObject>
#include <QString>

namespace lumen::test {

// A valid 18-character GB 11643 resident ID. `sequence` 0..999 is the order code: odd for men,
// even for women. Region 110101 is not used by the demo data, so these never collide with it.
QString makeNationalId(const QString& birthYyyymmdd, int sequence,
                       const QString& region = QStringLiteral("110101"));
// The same ID with its check character replaced by a wrong one.
QString withWrongCheckDigit(const QString& nationalId);

// Search helpers on reply bodies.
bool itemsContainId(const QJsonObject& page, qint64 id);

} // namespace lumen::test
