package io.wegate.server.account;

/** What a login of an identity wegate has not seen before may do; set per app. */
public enum LinkPolicy {
    /** Create a new account (the default). */
    CREATE,
    /**
     * Link to the one existing account with the mobile number the upstream verified; create an
     * account when there is none.
     */
    VERIFIED_MOBILE,
    /**
     * Only accounts an operator provisioned: by identity (e.g. the WeCom directory import) or by a
     * verified mobile number. Everyone else is refused.
     */
    EXISTING_ONLY;

    /** {@code create}, {@code verified-mobile} or {@code existing-only}, as written in configuration. */
    public static LinkPolicy of(String value) {
        if (value == null || value.isBlank()) {
            return CREATE;
        }
        for (LinkPolicy p : values()) {
            if (p.name().replace('_', '-').equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "link-policy must be create, verified-mobile or existing-only, not '" + value + "'");
    }
}
