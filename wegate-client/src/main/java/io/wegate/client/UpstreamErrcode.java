package io.wegate.client;

import java.util.HashMap;
import java.util.Map;

/** One row of an upstream's errcode table: the code, how to react, and what it means. */
public interface UpstreamErrcode {

    int code();

    ErrorClass errorClass();

    String meaningEn();

    String meaningZh();

    /** The rows of a table by code, for {@code of(int)} lookups. */
    static <E extends UpstreamErrcode> Map<Integer, E> index(E[] rows) {
        Map<Integer, E> byCode = new HashMap<>();
        for (E e : rows) {
            byCode.put(e.code(), e);
        }
        return Map.copyOf(byCode);
    }
}
