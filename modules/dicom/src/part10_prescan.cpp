#include "part10_prescan.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dctag.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace lumen::dicom::detail {
namespace {

constexpr std::uint32_t undefinedLength = 0xFFFFFFFFu;
constexpr std::uint16_t delimiterGroup = 0xFFFE;
constexpr std::uint16_t itemElement = 0xE000;
constexpr std::uint16_t itemDelimiterElement = 0xE00D;
constexpr std::uint16_t sequenceDelimiterElement = 0xE0DD;
constexpr char deflatedTransferSyntax[] = "1.2.840.10008.1.2.1.99";

[[noreturn]] void fail(const char* code, const std::string& message)
{
    throw DicomError(code, message);
}

std::string tagText(std::uint16_t group, std::uint16_t element)
{
    char text[16];
    std::snprintf(text, sizeof text, "(%04X,%04X)", group, element);
    return text;
}

std::string trimUid(std::string value)
{
    while (!value.empty() && (value.back() == '\0' || value.back() == ' '))
        value.pop_back();
    return value;
}

class ByteSource
{
public:
    virtual ~ByteSource() = default;
    virtual std::uint64_t size() const = 0;
    // Reads exactly `n` bytes at `offset`; callers have checked offset + n <= size().
    virtual void read(std::uint64_t offset, void* dst, std::size_t n) = 0;
};

class FileSource final : public ByteSource
{
public:
    FileSource(int fd, std::uint64_t size) : m_fd(fd), m_size(size), m_cache(64 * 1024) {}
    std::uint64_t size() const override { return m_size; }

    void read(std::uint64_t offset, void* dst, std::size_t n) override
    {
        if (n > m_cache.size()) {
            readFully(offset, dst, n);
            return;
        }
        if (offset < m_cacheOffset || offset + n > m_cacheOffset + m_cacheLength) {
            const auto wanted = static_cast<std::size_t>(
                std::min<std::uint64_t>(m_cache.size(), m_size - std::min(offset, m_size)));
            m_cacheOffset = offset;
            m_cacheLength = 0;
            readFully(offset, m_cache.data(), wanted);
            m_cacheLength = wanted;
        }
        std::memcpy(dst, m_cache.data() + (offset - m_cacheOffset), n);
    }

    // Reads raw bytes for the inflater: up to `n`, returns how many.
    std::size_t readSome(std::uint64_t offset, void* dst, std::size_t n)
    {
        const auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_size - offset));
        readFully(offset, dst, wanted);
        return wanted;
    }

private:
    void readFully(std::uint64_t offset, void* dst, std::size_t n)
    {
        auto* out = static_cast<unsigned char*>(dst);
        while (n > 0) {
            const ssize_t got = ::pread(m_fd, out, n, static_cast<off_t>(offset));
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                fail("unreadable", std::string("cannot read the file: ") + std::strerror(errno));
            if (got == 0)
                fail("truncated", "the file became shorter while it was read");
            out += got;
            offset += static_cast<std::uint64_t>(got);
            n -= static_cast<std::size_t>(got);
        }
    }

    int m_fd;
    std::uint64_t m_size;
    std::vector<unsigned char> m_cache;
    std::uint64_t m_cacheOffset = 0;
    std::size_t m_cacheLength = 0;
};

class MemorySource final : public ByteSource
{
public:
    explicit MemorySource(std::vector<unsigned char> bytes) : m_bytes(std::move(bytes)) {}
    std::uint64_t size() const override { return m_bytes.size(); }
    void read(std::uint64_t offset, void* dst, std::size_t n) override
    {
        std::memcpy(dst, m_bytes.data() + offset, n);
    }

private:
    std::vector<unsigned char> m_bytes;
};

struct Encoding
{
    bool explicitVr = true;
    bool bigEndian = false;
};
constexpr Encoding implicitLittle{false, false};
constexpr Encoding explicitLittle{true, false};
constexpr Encoding explicitBig{true, true};

std::uint16_t u16(const unsigned char* p, bool bigEndian)
{
    return bigEndian ? static_cast<std::uint16_t>((p[0] << 8) | p[1])
                     : static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

std::uint32_t u32(const unsigned char* p, bool bigEndian)
{
    if (bigEndian)
        return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
    return (std::uint32_t(p[3]) << 24) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[1]) << 8) | p[0];
}

bool isVr(const char* vr, const char* name)
{
    return vr[0] == name[0] && vr[1] == name[1];
}

// VRs with a 2-byte reserved field and a 4-byte length (PS3.5 7.1.2).
bool hasLongLength(const char* vr)
{
    static constexpr const char* longVrs[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ",
                                              "SV", "UC", "UN", "UR", "UT", "UV"};
    static constexpr const char* shortVrs[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT",
                                               "FL", "FD", "IS", "LO", "LT", "PN", "SH",
                                               "SL", "SS", "ST", "TM", "UI", "UL", "US"};
    for (const char* name : longVrs)
        if (isVr(vr, name))
            return true;
    for (const char* name : shortVrs)
        if (isVr(vr, name))
            return false;
    // As DCMTK does: an unknown VR of two capital letters is taken as a future VR (long
    // length), anything else as a broken one with a 2-byte length.
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    return upper(vr[0]) && upper(vr[1]) && !isVr(vr, "??");
}

bool isStandardVr(const char* vr)
{
    static constexpr const char* all[] = {
        "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV",
        "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV"};
    for (const char* name : all)
        if (isVr(vr, name))
            return true;
    return false;
}

struct Header
{
    std::uint16_t group = 0;
    std::uint16_t element = 0;
    char vr[2] = {0, 0};
    std::uint32_t length = 0;
    std::uint64_t offset = 0; // where the header starts, for messages

    bool is(std::uint16_t g, std::uint16_t e) const { return group == g && element == e; }
    bool isPixelData() const { return is(0x7FE0, 0x0010); }
};

// Walks the data set encoding without keeping anything. Recursion is bounded by the depth
// limit: every nested call enters a sequence, which is counted and checked first.
class Walker
{
public:
    Walker(ByteSource& source, int maxDepth) : m_source(source), m_maxDepth(maxDepth) {}

    void dataSet(std::uint64_t offset, Encoding encoding)
    {
        elements(offset, m_source.size(), encoding, 0, false);
    }

private:
    // Checks that `n` bytes from `pos` lie inside `limit` (the enclosing item or the file).
    void need(std::uint64_t pos, std::uint64_t n, std::uint64_t limit, const Header& at) const
    {
        if (n <= limit - pos)
            return;
        if (n > m_source.size() - pos)
            fail("truncated", "element " + tagText(at.group, at.element) + " at offset " +
                                  std::to_string(at.offset) + " needs " + std::to_string(n) +
                                  " bytes but the data ends after " + std::to_string(m_source.size() - pos));
        fail("malformed", "element " + tagText(at.group, at.element) + " at offset " +
                              std::to_string(at.offset) + " runs past the end of its enclosing item");
    }

    void needHeader(std::uint64_t pos, std::uint64_t n, std::uint64_t limit) const
    {
        if (n <= limit - pos)
            return;
        if (n > m_source.size() - pos)
            fail("truncated", "the data ends inside an element header at offset " + std::to_string(pos));
        fail("malformed", "an element header at offset " + std::to_string(pos) +
                              " runs past the end of its enclosing item");
    }

    Header header(std::uint64_t& pos, std::uint64_t limit, Encoding encoding)
    {
        needHeader(pos, 8, limit);
        unsigned char bytes[12];
        m_source.read(pos, bytes, 8);
        Header h;
        h.offset = pos;
        h.group = u16(bytes, encoding.bigEndian);
        h.element = u16(bytes + 2, encoding.bigEndian);
        const bool delimiter =
            h.group == delimiterGroup && (h.element == itemElement || h.element == itemDelimiterElement ||
                                          h.element == sequenceDelimiterElement);
        if (!encoding.explicitVr || delimiter) {
            h.length = u32(bytes + 4, encoding.bigEndian);
            pos += 8;
            return h;
        }
        h.vr[0] = static_cast<char>(bytes[4]);
        h.vr[1] = static_cast<char>(bytes[5]);
        if (hasLongLength(h.vr)) {
            needHeader(pos, 12, limit);
            m_source.read(pos + 8, bytes + 8, 4);
            h.length = u32(bytes + 8, encoding.bigEndian);
            pos += 12;
        } else {
            h.length = u16(bytes + 6, encoding.bigEndian);
            pos += 8;
        }
        return h;
    }

    // The elements of a data set or item, up to `limit` or, with untilDelimiter, up to the
    // item delimitation item.
    void elements(std::uint64_t& pos, std::uint64_t limit, Encoding encoding, int depth, bool untilDelimiter)
    {
        for (;;) {
            if (!untilDelimiter && pos == limit)
                return;
            const Header h = header(pos, limit, encoding);
            if (h.group == delimiterGroup) {
                if (h.element == itemDelimiterElement) {
                    if (untilDelimiter)
                        return;
                    fail("malformed",
                         "item delimitation item outside an item at offset " + std::to_string(h.offset));
                }
                if (h.element == itemElement || h.element == sequenceDelimiterElement)
                    fail("malformed", "unexpected " + tagText(h.group, h.element) + " at offset " +
                                          std::to_string(h.offset));
            }
            value(h, pos, limit, encoding, depth);
        }
    }

    void value(const Header& h, std::uint64_t& pos, std::uint64_t limit, Encoding encoding, int depth)
    {
        const bool undefined = h.length == undefinedLength;
        if (encoding.explicitVr) {
            const bool unknown = isVr(h.vr, "UN") || !isStandardVr(h.vr);
            if (isVr(h.vr, "SQ")) {
                sequence(h, pos, limit, encoding, depth);
            } else if (undefined && unknown) {
                // UN of undefined length is a sequence in Implicit VR Little Endian (CP-246).
                sequence(h, pos, limit, implicitLittle, depth);
            } else if (undefined && (isVr(h.vr, "OB") || isVr(h.vr, "OW")) && h.isPixelData()) {
                fragments(h, pos, limit, encoding);
            } else if (undefined) {
                fail("malformed", "element " + tagText(h.group, h.element) + " with VR " +
                                      std::string(h.vr, 2) + " has undefined length at offset " +
                                      std::to_string(h.offset));
            } else {
                need(pos, h.length, limit, h);
                if (unknown)
                    probe(h, pos, depth);
                pos += h.length;
            }
            return;
        }
        const DcmEVR vr = DcmTag(h.group, h.element).getEVR();
        const bool unknown = vr == EVR_UN || vr == EVR_UNKNOWN || vr == EVR_UNKNOWN2B;
        if (vr == EVR_SQ) {
            sequence(h, pos, limit, encoding, depth);
        } else if (undefined && h.isPixelData()) {
            fragments(h, pos, limit, encoding);
        } else if (undefined && unknown) {
            sequence(h, pos, limit, encoding, depth);
        } else if (undefined) {
            fail("malformed", "element " + tagText(h.group, h.element) + " has undefined length at offset " +
                                  std::to_string(h.offset));
        } else {
            need(pos, h.length, limit, h);
            // A private element may be a sequence in DCMTK's private dictionary (looked up
            // with its private creator), so check its content as DCMTK might read it.
            if (unknown || (h.group & 1) != 0)
                probe(h, pos, depth);
            pos += h.length;
        }
    }

    void sequence(const Header& h, std::uint64_t& pos, std::uint64_t limit, Encoding encoding, int depth)
    {
        const int inner = depth + 1;
        if (inner > m_maxDepth)
            fail("too_deep", "sequence " + tagText(h.group, h.element) + " at offset " +
                                 std::to_string(h.offset) + " nests deeper than " +
                                 std::to_string(m_maxDepth) + " levels");
        if (h.length == undefinedLength) {
            while (item(pos, limit, encoding, inner, true)) {
            }
            return;
        }
        need(pos, h.length, limit, h);
        const std::uint64_t end = pos + h.length;
        while (pos < end)
            item(pos, end, encoding, inner, false);
    }

    // One item of a sequence; false when the sequence delimitation item was read instead.
    bool item(std::uint64_t& pos, std::uint64_t limit, Encoding encoding, int depth, bool undefinedSequence)
    {
        needHeader(pos, 8, limit);
        unsigned char bytes[8];
        m_source.read(pos, bytes, 8);
        Header h;
        h.offset = pos;
        h.group = u16(bytes, encoding.bigEndian);
        h.element = u16(bytes + 2, encoding.bigEndian);
        h.length = u32(bytes + 4, encoding.bigEndian);
        pos += 8;
        if (h.is(delimiterGroup, sequenceDelimiterElement)) {
            if (undefinedSequence)
                return false;
            fail("malformed", "sequence delimitation item inside a sequence of defined length at offset " +
                                  std::to_string(h.offset));
        }
        if (!h.is(delimiterGroup, itemElement))
            fail("malformed", "expected an item but found " + tagText(h.group, h.element) + " at offset " +
                                  std::to_string(h.offset));
        if (h.length == undefinedLength) {
            elements(pos, limit, encoding, depth, true);
        } else {
            need(pos, h.length, limit, h);
            const std::uint64_t end = pos + h.length;
            elements(pos, end, encoding, depth, false);
        }
        return true;
    }

    // Encapsulated pixel data: an offset table item and fragments, all of defined length.
    void fragments(const Header& pixelData, std::uint64_t& pos, std::uint64_t limit, Encoding encoding)
    {
        for (;;) {
            needHeader(pos, 8, limit);
            unsigned char bytes[8];
            m_source.read(pos, bytes, 8);
            Header h;
            h.offset = pos;
            h.group = u16(bytes, encoding.bigEndian);
            h.element = u16(bytes + 2, encoding.bigEndian);
            h.length = u32(bytes + 4, encoding.bigEndian);
            pos += 8;
            if (h.is(delimiterGroup, sequenceDelimiterElement))
                return;
            if (!h.is(delimiterGroup, itemElement) || h.length == undefinedLength)
                fail("malformed", "encapsulated " + tagText(pixelData.group, pixelData.element) +
                                      " has a bad fragment at offset " + std::to_string(h.offset));
            need(pos, h.length, limit, h);
            pos += h.length;
        }
    }

    // A value of unknown type that starts like a sequence item is walked as one (Implicit VR
    // Little Endian, as DCMTK reads it): if that fails it is opaque bytes and harmless, but
    // nesting beyond the limit is refused either way.
    void probe(const Header& h, std::uint64_t pos, int depth)
    {
        if (h.length < 8)
            return;
        unsigned char bytes[4];
        m_source.read(pos, bytes, 4);
        if (u16(bytes, false) != delimiterGroup || u16(bytes + 2, false) != itemElement)
            return;
        try {
            std::uint64_t p = pos;
            sequence(h, p, pos + h.length, implicitLittle, depth);
        } catch (const DicomError& error) {
            if (error.code() == "too_deep")
                throw;
        }
    }

    ByteSource& m_source;
    int m_maxDepth;
};

struct FileCloser
{
    int fd;
    ~FileCloser() { ::close(fd); }
};

std::vector<unsigned char> inflateDataSet(FileSource& file, std::uint64_t offset)
{
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        throw std::runtime_error("zlib inflateInit2 failed");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
    std::vector<unsigned char> out;
    std::vector<unsigned char> in(256 * 1024);
    std::vector<unsigned char> chunk(256 * 1024);
    int result = Z_OK;
    while (result != Z_STREAM_END) {
        if (stream.avail_in == 0) {
            const std::size_t got = file.readSome(offset, in.data(), in.size());
            if (got == 0)
                fail("truncated", "the deflated data set ends before its end marker");
            offset += got;
            stream.next_in = in.data();
            stream.avail_in = static_cast<uInt>(got);
        }
        stream.next_out = chunk.data();
        stream.avail_out = static_cast<uInt>(chunk.size());
        result = inflate(&stream, Z_NO_FLUSH);
        if (result != Z_OK && result != Z_STREAM_END && result != Z_BUF_ERROR)
            fail("malformed", "the deflated data set is corrupt");
        out.insert(out.end(), chunk.data(), chunk.data() + (chunk.size() - stream.avail_out));
        if (out.size() > maxInflatedBytes)
            fail("too_large", "the deflated data set inflates to more than " +
                                  std::to_string(maxInflatedBytes >> 20) + " MiB");
    }
    return out;
}

} // namespace

PrescanResult prescanPart10(const std::string& path, const ParseLimits& limits)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail("unreadable", "cannot open " + path + ": " + std::strerror(errno));
    FileCloser closer{fd};
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
        fail("unreadable", path + " is not a regular file");
    PrescanResult result;
    result.fileSizeBytes = static_cast<std::uint64_t>(info.st_size);
    if (result.fileSizeBytes > limits.maxFileBytes)
        fail("too_large", "the file has " + std::to_string(result.fileSizeBytes) +
                              " bytes, more than the limit of " + std::to_string(limits.maxFileBytes));

    FileSource file(fd, result.fileSizeBytes);
    if (result.fileSizeBytes < 132)
        fail("not_dicom", "no DICM preamble: the file is too short to be DICOM Part 10");
    char magic[4];
    file.read(128, magic, 4);
    if (std::memcmp(magic, "DICM", 4) != 0)
        fail("not_dicom", "no DICM preamble: not a DICOM Part 10 file (a bare data set is not accepted)");

    // File meta information: group 0002, Explicit VR Little Endian (some writers use implicit
    // VR; DCMTK reads that too). Read while the group is 0002, whatever the group length says.
    std::uint64_t pos = 132;
    for (;;) {
        if (result.fileSizeBytes - pos < 8)
            fail("truncated", "the file ends inside or right after the file meta information");
        unsigned char bytes[12];
        file.read(pos, bytes, 8);
        if (u16(bytes, false) != 0x0002)
            break;
        Header h;
        h.offset = pos;
        h.group = 0x0002;
        h.element = u16(bytes + 2, false);
        const auto upper = [](unsigned char c) { return c >= 'A' && c <= 'Z'; };
        std::uint64_t headerLength = 8;
        if (upper(bytes[4]) && upper(bytes[5])) {
            h.vr[0] = static_cast<char>(bytes[4]);
            h.vr[1] = static_cast<char>(bytes[5]);
            if (hasLongLength(h.vr)) {
                if (result.fileSizeBytes - pos < 12)
                    fail("truncated", "the file ends inside the file meta information");
                file.read(pos + 8, bytes + 8, 4);
                h.length = u32(bytes + 8, false);
                headerLength = 12;
            } else {
                h.length = u16(bytes + 6, false);
            }
        } else {
            h.length = u32(bytes + 4, false);
        }
        pos += headerLength;
        if (h.length == undefinedLength)
            fail("bad_meta", "file meta element " + tagText(h.group, h.element) + " has undefined length");
        if (h.length > result.fileSizeBytes - pos)
            fail("truncated",
                 "file meta element " + tagText(h.group, h.element) + " runs past the end of the file");
        if (h.element == 0x0010) {
            if (h.length > 256)
                fail("bad_meta", "the Transfer Syntax UID in the file meta information is too long");
            std::string value(h.length, '\0');
            file.read(pos, value.data(), h.length);
            result.transferSyntaxUid = trimUid(value);
        }
        pos += h.length;
    }
    if (result.transferSyntaxUid.empty())
        fail("bad_meta", "the file meta information has no Transfer Syntax UID (0002,0010)");

    const int maxDepth = limits.maxSequenceDepth;
    if (result.transferSyntaxUid == deflatedTransferSyntax) {
        MemorySource inflated(inflateDataSet(file, pos));
        Walker(inflated, maxDepth).dataSet(0, explicitLittle);
    } else {
        Encoding encoding = explicitLittle; // every compressed transfer syntax too
        if (result.transferSyntaxUid == "1.2.840.10008.1.2")
            encoding = implicitLittle;
        else if (result.transferSyntaxUid == "1.2.840.10008.1.2.2")
            encoding = explicitBig;
        Walker(file, maxDepth).dataSet(pos, encoding);
    }
    return result;
}

} // namespace lumen::dicom::detail
