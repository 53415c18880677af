package io.wegate.sandbox;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the inline SVG QR code of a login page back into its text, as a phone camera would. */
final class QrDecoder {

    private static final Pattern VIEW_BOX = Pattern.compile("<svg [^>]*viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern PATH = Pattern.compile("<path fill=\"#000\" d=\"([^\"]*)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final int SCALE = 4;

    private QrDecoder() {}

    static String decode(String html) {
        Matcher box = VIEW_BOX.matcher(html);
        Matcher path = PATH.matcher(html);
        if (!box.find() || !path.find()) {
            throw new AssertionError("No inline SVG QR code in the page");
        }
        int width = Integer.parseInt(box.group(1)) * SCALE;
        int height = Integer.parseInt(box.group(2)) * SCALE;
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher module = MODULE.matcher(path.group(1));
        while (module.find()) {
            int x = Integer.parseInt(module.group(1)) * SCALE;
            int y = Integer.parseInt(module.group(2)) * SCALE;
            for (int dy = 0; dy < SCALE; dy++) {
                Arrays.fill(pixels, (y + dy) * width + x, (y + dy) * width + x + SCALE, 0xFF000000);
            }
        }
        try {
            return new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))))
                    .getText();
        } catch (NotFoundException e) {
            throw new AssertionError("The SVG is not a readable QR code", e);
        } catch (ReaderException e) {
            throw new AssertionError("The QR code does not decode", e);
        }
    }
}
