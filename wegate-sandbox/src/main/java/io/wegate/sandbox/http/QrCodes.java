package io.wegate.sandbox.http;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * Real, scannable QR codes as inline SVG, for the QR login pages: a phone camera pointed at the page opens the URL the
 * code carries, as with <a href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">WeChat's
 * website login</a>.
 */
public final class QrCodes {

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.CHARACTER_SET,
            "UTF-8",
            EncodeHintType.ERROR_CORRECTION,
            ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN,
            2);

    private QrCodes() {}

    /**
     * An {@code <svg>} element drawing {@code text} as a QR code; one path of unit squares, so it scales crisply.
     *
     * @throws IllegalArgumentException if the text is too long for a QR code (about 2 KB)
     */
    public static String svg(String text) {
        BitMatrix matrix;
        try {
            // Size 0 asks for one unit per module; the viewBox scales it.
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code for a text of " + text.length() + " chars", e);
        }
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder(width * height * 4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\" data-qr-text=\""
                + Html.escape(text) + "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
                + path + "\"/></svg>";
    }
}
