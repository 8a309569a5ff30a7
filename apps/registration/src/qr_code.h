#pragma once
// A QR code (libqrencode) as a square of dark/light modules, for painting with QPainter.
#include <QPainter>
#include <QString>

#include <vector>

namespace lumen::registration {

class QrCode
{
public:
    // Byte mode, error correction M. Empty (size 0) when the text cannot be encoded.
    explicit QrCode(const QString& text);

    int size() const { return m_size; }
    bool dark(int x, int y) const { return m_modules[std::size_t(y * m_size + x)]; }
    bool isNull() const { return m_size == 0; }
    // Paints the symbol with a quiet zone of four modules inside `rect` (kept square).
    void paint(QPainter& painter, const QRectF& rect) const;

private:
    int m_size = 0;
    std::vector<bool> m_modules;
};

} // namespace lumen::registration
