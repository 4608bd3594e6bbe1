package dev.switchboard.llm.guardrails;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data before text leaves the service (a model prompt) or reaches a log. Order matters: the most
 * specific shapes (emails, Luhn-valid card numbers, SSNs) are masked before the looser phone and account shapes
 * could swallow parts of them.
 */
public final class PiiMasker {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern CARD = Pattern.compile("\\b\\d(?:[ -]?\\d){12,18}\\b");
    private static final Pattern SSN = Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w])(?:\\+?\\d{1,3}[ .-]?)?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}\\b");
    // Any remaining run of 6+ digits is treated as an account or customer number: they are never needed to answer.
    private static final Pattern ACCOUNT = Pattern.compile("\\b\\d{6,}\\b");

    private PiiMasker() {
    }

    public static String mask(String text) {
        String masked = EMAIL.matcher(text).replaceAll("[email]");
        masked = replaceCards(masked);
        masked = SSN.matcher(masked).replaceAll("[ssn]");
        masked = PHONE.matcher(masked).replaceAll("[phone]");
        return ACCOUNT.matcher(masked).replaceAll("[account number]");
    }

    private static String replaceCards(String text) {
        Matcher matcher = CARD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ -]", "");
            matcher.appendReplacement(out, luhnValid(digits) ? "[card number]" : Matcher.quoteReplacement(matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
