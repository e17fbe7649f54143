package io.zdcd.analyzer.internal.recognise;

/** How a message quotes the words of a statement zdcd does not recognise. */
public final class Words {
    private Words() {
    }

    /**
     * The text with whitespace runs collapsed, cut after 40 characters ("...").
     *
     * @param s the statement's text
     * @return the abbreviation
     */
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
