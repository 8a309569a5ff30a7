#pragma once
// Builds small DICOM Part 10 files byte by byte (Explicit or Implicit VR Little Endian), so
// tests can state exactly what a file holds: nesting depth, missing or bad UIDs, lengths.
#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>

namespace lumen::test {

inline void appendU16(QByteArray& out, std::uint16_t v)
{
    out.append(char(v & 0xFF)).append(char(v >> 8));
}

inline void appendU32(QByteArray& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.append(char((v >> (8 * i)) & 0xFF));
}

// One Explicit VR Little Endian element; text values are padded to even length.
inline QByteArray element(std::uint16_t group, std::uint16_t elem, const char* vr, QByteArray value)
{
    if (value.size() % 2 != 0)
        value.append(QByteArray(vr) == "UI" ? '\0' : ' ');
    QByteArray out;
    appendU16(out, group);
    appendU16(out, elem);
    out.append(vr, 2);
    const QByteArray v(vr);
    if (v == "OB" || v == "OW" || v == "SQ" || v == "UN" || v == "UT") {
        appendU16(out, 0);
        appendU32(out, std::uint32_t(value.size()));
    } else {
        appendU16(out, std::uint16_t(value.size()));
    }
    return out + value;
}

// One Implicit VR Little Endian element.
inline QByteArray implicitElement(std::uint16_t group, std::uint16_t elem, const QByteArray& value)
{
    QByteArray out;
    appendU16(out, group);
    appendU16(out, elem);
    appendU32(out, std::uint32_t(value.size()));
    return out + value;
}

inline QByteArray item(const QByteArray& content)
{
    QByteArray out;
    appendU16(out, 0xFFFE);
    appendU16(out, 0xE000);
    appendU32(out, std::uint32_t(content.size()));
    return out + content;
}

// An Explicit VR sequence of undefined length holding `items`.
inline QByteArray sequence(std::uint16_t group, std::uint16_t elem, const QList<QByteArray>& items)
{
    QByteArray out;
    appendU16(out, group);
    appendU16(out, elem);
    out.append("SQ", 2);
    appendU16(out, 0);
    appendU32(out, 0xFFFFFFFFu);
    for (const QByteArray& i : items)
        out += item(i);
    appendU16(out, 0xFFFE);
    appendU16(out, 0xE0DD);
    appendU32(out, 0);
    return out;
}

struct Identity
{
    QByteArray sopClass = "1.2.840.10008.5.1.4.1.1.7"; // Secondary Capture
    QByteArray sopInstance = "1.2.826.0.1.3680043.9.7433.1.1";
    QByteArray study = "1.2.826.0.1.3680043.9.7433.2.1";
    QByteArray series = "1.2.826.0.1.3680043.9.7433.3.1";
};

// Group 0008 to 0020 identity elements, in tag order, for an Explicit VR data set.
inline QByteArray identityElements(const Identity& id, const QByteArray& patientId = "P-1")
{
    QByteArray out;
    if (!id.sopClass.isEmpty())
        out += element(0x0008, 0x0016, "UI", id.sopClass);
    if (!id.sopInstance.isEmpty())
        out += element(0x0008, 0x0018, "UI", id.sopInstance);
    out += element(0x0008, 0x0060, "CS", "OT");
    out += element(0x0010, 0x0020, "LO", patientId);
    return out;
}

inline QByteArray studySeriesElements(const Identity& id)
{
    QByteArray out;
    if (!id.study.isEmpty())
        out += element(0x0020, 0x000D, "UI", id.study);
    if (!id.series.isEmpty())
        out += element(0x0020, 0x000E, "UI", id.series);
    return out;
}

// Preamble, "DICM" and file meta information in front of `dataSet`.
inline QByteArray part10(const QByteArray& dataSet, const QByteArray& metaSopClass,
                         const QByteArray& metaSopInstance,
                         const QByteArray& transferSyntax = "1.2.840.10008.1.2.1")
{
    QByteArray meta;
    meta += element(0x0002, 0x0001, "OB", QByteArray("\x00\x01", 2));
    meta += element(0x0002, 0x0002, "UI", metaSopClass);
    meta += element(0x0002, 0x0003, "UI", metaSopInstance);
    meta += element(0x0002, 0x0010, "UI", transferSyntax);
    meta += element(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.9.7433.0");
    QByteArray groupLength;
    appendU32(groupLength, std::uint32_t(meta.size()));
    return QByteArray(128, '\0') + "DICM" + element(0x0002, 0x0000, "UL", groupLength) + meta + dataSet;
}

} // namespace lumen::test
