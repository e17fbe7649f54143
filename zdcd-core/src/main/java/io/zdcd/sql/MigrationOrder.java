package io.zdcd.sql;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order migration files apply in, shared by every reader of migration folders: Flyway {@code V<version>__<desc>.sql}
 * files first, by version compared numerically; then every other file in natural order (digit runs compared as
 * numbers, so {@code 0010} comes after {@code 0009} and {@code 10_x} after {@code 9_x}).
 *
 * @since 0.2
 */
public final class MigrationOrder {
    private static final Pattern FLYWAY = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.*\\.sql",
            Pattern.CASE_INSENSITIVE);

    private MigrationOrder() {
    }

    /**
     * Compares two paths relative to the folder being read ({@code /} or the platform's separator).
     *
     * @param a the first path, relative to the migration folder (only its file name decides whether it is a Flyway
     *     file)
     * @param b the second path, relative to the same folder
     * @return negative when {@code a} applies before {@code b}, positive when after, 0 only for equal paths
     */
    public static int compare(String a, String b) {
        Matcher ma = FLYWAY.matcher(fileName(a));
        Matcher mb = FLYWAY.matcher(fileName(b));
        boolean fa = ma.matches();
        boolean fb = mb.matches();
        if (fa && fb) {
            int c = compareVersions(ma.group(1), mb.group(1));
            return c != 0 ? c : naturalCompare(a, b);
        }
        if (fa != fb) {
            return fa ? -1 : 1;
        }
        return naturalCompare(a, b);
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    static int compareVersions(String a, String b) {
        String[] pa = a.split("[._]");
        String[] pb = b.split("[._]");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            BigInteger x = i < pa.length ? new BigInteger(pa[i]) : BigInteger.ZERO;
            BigInteger y = i < pb.length ? new BigInteger(pb[i]) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares strings with digit runs compared as numbers. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new BigInteger(a.substring(si, i)).compareTo(new BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
