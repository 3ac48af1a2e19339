package io.photobooth.usage;

import java.util.Locale;

/**
 * How the usage is answered: {@link #JSON} ({@code application/json}) or {@link #CSV}
 * ({@code text/csv}). The {@code format} query parameter ({@code json} or {@code csv}) decides
 * where given; else the {@code Accept} header, by quality: CSV only when it prefers
 * {@code text/csv} to {@code application/json}, so that no header, {@code *}{@code /*} and a tie
 * all give JSON.
 */
public enum UsageFormat {
    JSON,
    CSV;

    /** The format an {@code Accept} header asks for (null or blank: {@link #JSON}). */
    public static UsageFormat accepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        return quality(accept, "text", "csv") > quality(accept, "application", "json") ? CSV : JSON;
    }

    /**
     * The quality the header gives the media type: that of its most specific matching range
     * ({@code type/subtype}, then {@code type/*}, then {@code *}{@code /*}), 0 where none matches.
     */
    static double quality(String accept, String type, String subtype) {
        int bestSpecificity = -1;
        double quality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String[] media = parts[0].strip().toLowerCase(Locale.ROOT).split("/", 2);
            if (media.length != 2) {
                continue;
            }
            int specificity = media[0].equals(type) && media[1].equals(subtype) ? 2
                    : media[0].equals(type) && media[1].equals("*") ? 1
                    : media[0].equals("*") && media[1].equals("*") ? 0 : -1;
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = qValue(parts);
            }
        }
        return quality;
    }

    /** The {@code q} parameter of a media range, 1 where absent or unreadable. */
    private static double qValue(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(parameter[1].strip());
                } catch (NumberFormatException unreadable) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
