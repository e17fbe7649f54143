package io.zdcd.analyzer.internal.recognise;

/** Text helpers for recognisers' messages. */
public final class Text {
    private Text() {
    }

    /** The first 40 characters of {@code s} with runs of white space as one space, "..." when cut. */
    public static String abbreviate(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 44));
        boolean space = false;
        for (int i = 0; i < s.length() && sb.length() < 40; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.length() >= 40 ? sb + "..." : sb.toString();
    }
}
