package io.wegate.server.login;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Checks every flow applies before a code goes upstream, and the profile snapshot size rule. */
public final class LoginCodes {

    /** WeCom and WeChat codes are at most 512 bytes of printable ASCII. */
    public static final int MAX_LENGTH = 512;

    private LoginCodes() {}

    /** Refuses a code no upstream would accept, without spending an upstream call on it. */
    public static void require(String code) {
        if (code == null
                || code.isBlank()
                || code.length() > MAX_LENGTH
                || !code.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ApiException(GatewayError.INVALID_CODE);
        }
    }

    /** The profile as JSON; the column holds 4000 characters, so a pathological one keeps only its key. */
    public static String profileJson(JsonMapper json, Map<String, Object> profile, Map<String, Object> minimal) {
        String s = json.writeValueAsString(profile);
        return s.length() <= 4000 ? s : json.writeValueAsString(minimal);
    }
}
