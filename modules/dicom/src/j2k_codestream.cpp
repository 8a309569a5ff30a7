#include "j2k_codestream.h"

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace lumen::dicom::detail {

namespace {

// The largest real frames (mammography, DX) are well under 100 MiB; OpenJPEG needs two to
// four times the output while it decodes, so a header asking for more is refused.
constexpr std::size_t maxFrameBytes = std::size_t(512) << 20;

constexpr std::uint8_t jp2Signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50,
                                         0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};

bool isJp2(const std::uint8_t* data, std::size_t size)
{
    return size >= sizeof jp2Signature && std::memcmp(data, jp2Signature, sizeof jp2Signature) == 0;
}

bool isBareCodestream(const std::uint8_t* data, std::size_t size)
{
    return size >= 4 && data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51;
}

// OpenJPEG reads through callbacks; this is the fragment memory they read from.
struct MemoryInput
{
    const std::uint8_t* data;
    std::size_t size;
    std::size_t pos = 0;
};

OPJ_SIZE_T readInput(void* buffer, OPJ_SIZE_T bytes, void* user)
{
    auto* in = static_cast<MemoryInput*>(user);
    if (in->pos >= in->size)
        return static_cast<OPJ_SIZE_T>(-1); // OpenJPEG's end-of-stream signal
    const std::size_t n = std::min<std::size_t>(bytes, in->size - in->pos);
    std::memcpy(buffer, in->data + in->pos, n);
    in->pos += n;
    return n;
}

OPJ_OFF_T skipInput(OPJ_OFF_T bytes, void* user)
{
    auto* in = static_cast<MemoryInput*>(user);
    const auto target =
        std::clamp<std::int64_t>(std::int64_t(in->pos) + bytes, 0, static_cast<std::int64_t>(in->size));
    const OPJ_OFF_T moved = target - static_cast<std::int64_t>(in->pos);
    in->pos = static_cast<std::size_t>(target);
    return (moved == 0 && bytes != 0) ? -1 : moved;
}

OPJ_BOOL seekInput(OPJ_OFF_T offset, void* user)
{
    auto* in = static_cast<MemoryInput*>(user);
    if (offset < 0 || static_cast<std::uint64_t>(offset) > in->size)
        return OPJ_FALSE;
    in->pos = static_cast<std::size_t>(offset);
    return OPJ_TRUE;
}

void keepError(const char* message, void* user)
{
    auto* errors = static_cast<std::string*>(user);
    if (errors->size() > 500) // a broken stream can repeat itself many times
        return;
    if (!errors->empty())
        *errors += "; ";
    *errors += message;
    while (!errors->empty() && (errors->back() == '\n' || errors->back() == ' '))
        errors->pop_back();
}

void ignoreMessage(const char*, void*) {}

struct CodecDeleter
{
    void operator()(opj_codec_t* codec) const { opj_destroy_codec(codec); }
};
struct StreamDeleter
{
    void operator()(opj_stream_t* stream) const { opj_stream_destroy(stream); }
};
struct ImageDeleter
{
    void operator()(opj_image_t* image) const { opj_image_destroy(image); }
};
struct InfoDeleter
{
    void operator()(opj_codestream_info_v2_t* info) const { opj_destroy_cstr_info(&info); }
};

J2kFrameResult failure(std::string problem)
{
    J2kFrameResult result;
    result.problem = std::move(problem);
    return result;
}

// The codestream's own reading of its samples, reinterpreted with DICOM's Pixel Representation:
// some writers mark signed data unsigned in SIZ or the other way round.
std::int32_t asPixelRepresentation(std::int32_t value, unsigned precision, bool codestreamSigned,
                                   bool pixelSigned)
{
    if (codestreamSigned == pixelSigned)
        return value;
    const std::int64_t range = std::int64_t(1) << precision;
    if (pixelSigned)
        return value >= range / 2 ? static_cast<std::int32_t>(value - range) : value;
    return value < 0 ? static_cast<std::int32_t>(value + range) : value;
}

std::string describeMismatch(const opj_image_t& image, const J2kFrameLayout& layout)
{
    return "the codestream holds " + std::to_string(image.numcomps) + " component(s) of " +
           std::to_string(image.x1 - image.x0) + "x" + std::to_string(image.y1 - image.y0) +
           " where the data set says " + std::to_string(layout.samplesPerPixel) + " of " +
           std::to_string(layout.columns) + "x" + std::to_string(layout.rows);
}

// Before anything big is allocated: the header must describe exactly the frame DICOM promises.
bool headerMatches(const opj_image_t& image, const J2kFrameLayout& layout, std::string& problem)
{
    if (image.numcomps != layout.samplesPerPixel || image.x1 < image.x0 || image.y1 < image.y0 ||
        image.x1 - image.x0 != layout.columns || image.y1 - image.y0 != layout.rows) {
        problem = describeMismatch(image, layout);
        return false;
    }
    for (OPJ_UINT32 c = 0; c < image.numcomps; ++c) {
        const opj_image_comp_t& comp = image.comps[c];
        if (comp.dx != 1 || comp.dy != 1) {
            problem = "subsampled components are not supported";
            return false;
        }
        if (comp.prec < 1 || comp.prec > layout.bitsAllocated) {
            problem = "component precision " + std::to_string(comp.prec) + " does not fit Bits Allocated " +
                      std::to_string(layout.bitsAllocated);
            return false;
        }
    }
    return true;
}

bool isIrreversible(opj_codec_t* codec)
{
    const std::unique_ptr<opj_codestream_info_v2_t, InfoDeleter> info(opj_get_cstr_info(codec));
    if (!info || !info->m_default_tile_info.tccp_info)
        return false;
    for (OPJ_UINT32 c = 0; c < info->nbcomps; ++c)
        if (info->m_default_tile_info.tccp_info[c].qmfbid == 0)
            return true;
    return false;
}

void writeSamples(const opj_image_t& image, const J2kFrameLayout& layout, std::uint8_t* out)
{
    const std::size_t pixels = std::size_t(layout.rows) * layout.columns;
    const std::size_t samples = layout.samplesPerPixel;
    for (std::size_t c = 0; c < samples; ++c) {
        const opj_image_comp_t& comp = image.comps[c];
        const bool codestreamSigned = comp.sgnd != 0;
        for (std::size_t i = 0; i < pixels; ++i) {
            const std::int32_t value =
                asPixelRepresentation(comp.data[i], comp.prec, codestreamSigned, layout.pixelSigned);
            const std::size_t index = layout.colourByPlane ? c * pixels + i : i * samples + c;
            if (layout.bitsAllocated == 8) {
                out[index] = static_cast<std::uint8_t>(value);
            } else {
                const auto sample = static_cast<std::uint16_t>(value); // two's complement when signed
                std::memcpy(out + 2 * index, &sample, sizeof sample);
            }
        }
    }
}

// A codestream opened by OpenJPEG and read up to its main header: nothing the size of the
// image is allocated yet.
class OpenCodestream
{
public:
    OpenCodestream(const std::uint8_t* data, std::size_t size) : m_input{data, size} {}
    OpenCodestream(const OpenCodestream&) = delete;
    OpenCodestream& operator=(const OpenCodestream&) = delete;

    // False, with `problem`, when the header is unreadable or disagrees with `layout`.
    bool readHeader(const J2kFrameLayout& layout, std::string& problem)
    {
        if (j2kFrameBytes(layout) == 0) {
            problem = "unsupported pixel layout (rows, columns, samples or bits allocated)";
            return false;
        }
        const bool jp2 = isJp2(m_input.data, m_input.size);
        if (!jp2 && !isBareCodestream(m_input.data, m_input.size)) {
            problem = "the fragment does not start a JPEG 2000 codestream";
            return false;
        }
        m_codec.reset(opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
        m_stream.reset(opj_stream_create(64 * 1024, OPJ_TRUE));
        if (!m_codec || !m_stream) {
            problem = "OpenJPEG cannot create a decoder";
            return false;
        }
        opj_set_error_handler(m_codec.get(), keepError, &m_errors);
        opj_set_warning_handler(m_codec.get(), ignoreMessage, nullptr);
        opj_set_info_handler(m_codec.get(), ignoreMessage, nullptr);
        opj_dparameters_t parameters;
        opj_set_default_decoder_parameters(&parameters);
        // Strict: a truncated codestream is an error, not a partly grey image.
        if (!opj_setup_decoder(m_codec.get(), &parameters) ||
            !opj_decoder_set_strict_mode(m_codec.get(), OPJ_TRUE)) {
            problem = "OpenJPEG refuses the decoder parameters";
            return false;
        }
        opj_stream_set_user_data(m_stream.get(), &m_input, nullptr);
        opj_stream_set_user_data_length(m_stream.get(), m_input.size);
        opj_stream_set_read_function(m_stream.get(), readInput);
        opj_stream_set_skip_function(m_stream.get(), skipInput);
        opj_stream_set_seek_function(m_stream.get(), seekInput);
        opj_image_t* image = nullptr;
        const bool read = opj_read_header(m_stream.get(), m_codec.get(), &image);
        m_image.reset(image);
        if (!read || !m_image) {
            problem = "unreadable JPEG 2000 header" + errors();
            return false;
        }
        return headerMatches(*m_image, layout, problem);
    }

    opj_codec_t* codec() const { return m_codec.get(); }
    opj_stream_t* stream() const { return m_stream.get(); }
    opj_image_t& image() const { return *m_image; }
    std::string errors() const { return m_errors.empty() ? std::string() : ": " + m_errors; }

private:
    MemoryInput m_input;
    std::string m_errors;
    std::unique_ptr<opj_codec_t, CodecDeleter> m_codec;
    std::unique_ptr<opj_stream_t, StreamDeleter> m_stream;
    std::unique_ptr<opj_image_t, ImageDeleter> m_image;
};

} // namespace

std::size_t j2kFrameBytes(const J2kFrameLayout& layout)
{
    if (layout.rows == 0 || layout.columns == 0 || layout.samplesPerPixel == 0 ||
        layout.samplesPerPixel > 4 || (layout.bitsAllocated != 8 && layout.bitsAllocated != 16))
        return 0;
    const std::size_t bytes =
        std::size_t(layout.rows) * layout.columns * layout.samplesPerPixel * (layout.bitsAllocated / 8);
    return bytes <= maxFrameBytes ? bytes : 0;
}

bool startsJ2kFrame(const std::uint8_t* data, std::size_t size)
{
    return isBareCodestream(data, size) || isJp2(data, size);
}

J2kFrameResult checkJ2kFrameHeader(const std::uint8_t* data, std::size_t size, const J2kFrameLayout& layout)
{
    OpenCodestream codestream(data, size);
    J2kFrameResult result;
    result.ok = codestream.readHeader(layout, result.problem);
    return result;
}

J2kFrameResult decodeJ2kFrame(const std::uint8_t* data, std::size_t size, const J2kFrameLayout& layout,
                              std::uint8_t* out)
{
    OpenCodestream codestream(data, size);
    J2kFrameResult result;
    if (!codestream.readHeader(layout, result.problem))
        return result;
    result.irreversible = isIrreversible(codestream.codec());
    opj_image_t& image = codestream.image();
    if (!opj_decode(codestream.codec(), codestream.stream(), &image) ||
        !opj_end_decompress(codestream.codec(), codestream.stream()))
        return failure("broken JPEG 2000 codestream" + codestream.errors());
    // JP2 colour boxes may change the components while decoding: check again what came out.
    if (!headerMatches(image, layout, result.problem))
        return result;
    for (OPJ_UINT32 c = 0; c < image.numcomps; ++c)
        if (!image.comps[c].data || image.comps[c].w != layout.columns || image.comps[c].h != layout.rows)
            return failure("the decoded components do not have the size of the frame");
    writeSamples(image, layout, out);
    result.ok = true;
    return result;
}

} // namespace lumen::dicom::detail
