package io.wegate.bench.comparison;

/**
 * Replaces the generated part of a document: everything between {@value #BEGIN} and {@value #END}, both kept, the rest
 * of the document untouched.
 */
final class DocSplice {

    static final String BEGIN = "<!-- comparison:begin -->";
    static final String END = "<!-- comparison:end -->";

    private DocSplice() {}

    /**
     * {@code document} with {@code generated} between the markers.
     *
     * @throws IllegalArgumentException unless each marker occurs exactly once, the begin before the end
     */
    static String replace(String document, String generated) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("the document has no " + (begin < 0 ? BEGIN : END) + " marker");
        }
        if (document.indexOf(BEGIN, begin + 1) >= 0 || document.indexOf(END, end + 1) >= 0) {
            throw new IllegalArgumentException("the document has a comparison marker twice");
        }
        if (end < begin) {
            throw new IllegalArgumentException(END + " comes before " + BEGIN);
        }
        String body = generated.strip();
        return document.substring(0, begin + BEGIN.length()) + "\n" + body + "\n" + document.substring(end);
    }
}
