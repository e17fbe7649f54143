package io.zdcd.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the leak tests look for a secret in what zdcd printed. A distinctive secret (it has a digit) must not appear
 * at all: as given, URL-encoded, or any alphanumeric piece of 3 characters or more (a partial leak). A secret that is
 * a common word ({@code e}, {@code release}) may appear only as often as it does, as a word, in the same run with
 * other secrets. The mask {@code ██} must never sit inside a word ({@code Conn██ction}).
 */
public final class Leaks {
    /** The mask glued to a letter or digit: the masking cut a word. */
    public static final String MASK_INSIDE_A_WORD = "[\\p{L}\\p{N}]██|██[\\p{L}\\p{N}]";

    private Leaks() {
    }

    /** Whether {@code secret} is distinctive (has a digit), so that any of its {@link #forms} in a text is a leak. */
    public static boolean distinctive(String secret) {
        return secret.chars().anyMatch(Character::isDigit);
    }

    /** The secret as given, URL-encoded (both ways), and its alphanumeric pieces of 3 characters or more. */
    public static String[] forms(String secret) {
        List<String> forms = new ArrayList<>(List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20")));
        Arrays.stream(secret.split("[^A-Za-z0-9]+")).filter(p -> p.length() >= 3).forEach(forms::add);
        return forms.toArray(String[]::new);
    }

    /** How often {@code word} stands in {@code text} as a whole word. */
    public static int words(String text, String word) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
