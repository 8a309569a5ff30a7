#include "qr_code.h"

#include <qrencode.h>

#include <algorithm>

namespace lumen::registration {

QrCode::QrCode(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QRcode* code = QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M);
    if (!code)
        return;
    m_size = code->width;
    m_modules.resize(std::size_t(m_size * m_size));
    for (int i = 0; i < m_size * m_size; ++i)
        m_modules[std::size_t(i)] = (code->data[i] & 1) != 0; // bit 0: dark module
    QRcode_free(code);
}

void QrCode::paint(QPainter& painter, const QRectF& rect) const
{
    if (isNull())
        return;
    const int total = m_size + 8;
    const qreal side = std::min(rect.width(), rect.height());
    const qreal module = side / total;
    const QPointF origin(rect.left() + (rect.width() - side) / 2 + 4 * module,
                         rect.top() + (rect.height() - side) / 2 + 4 * module);
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawRect(QRectF(origin - QPointF(4 * module, 4 * module), QSizeF(side, side)));
    painter.setBrush(Qt::black);
    for (int y = 0; y < m_size; ++y)
        for (int x = 0; x < m_size; ++x)
            if (dark(x, y))
                // A hair of overlap so that PDF viewers show no seams between modules.
                painter.drawRect(
                    QRectF(origin.x() + x * module, origin.y() + y * module, module * 1.02, module * 1.02));
    painter.restore();
}

} // namespace lumen::registration
