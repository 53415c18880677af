package io.wegate.server.account;

import java.util.regex.Pattern;

/** One spelling of a mobile number, so that numbers from WeCom and WeChat compare equal: {@code +8613800138000}. */
public final class Mobiles {

    private static final Pattern DIGITS = Pattern.compile("\\d{5,15}");

    private Mobiles() {}

    /**
     * @param countryCode e.g. {@code 86}; null or empty means the number carries its own (or is Chinese)
     * @param number the national number, or a number starting with {@code +}
     * @return the normalised number, or null when it is not a plausible mobile number
     */
    public static String normalize(String countryCode, String number) {
        if (number == null) {
            return null;
        }
        String n = number.replaceAll("[\\s-]", "");
        if (n.startsWith("+")) {
            return DIGITS.matcher(n.substring(1)).matches() ? n : null;
        }
        String cc = countryCode == null || countryCode.isBlank()
                ? "86"
                : countryCode.replace("+", "").trim();
        if (n.startsWith(cc) && n.length() > 11 && cc.equals("86")) {
            n = n.substring(2);
        }
        return DIGITS.matcher(cc + n).matches() ? "+" + cc + n : null;
    }
}
