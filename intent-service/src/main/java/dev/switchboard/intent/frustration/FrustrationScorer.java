package dev.switchboard.intent.frustration;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Scores anger and frustration in [0, 1] from surface signals: shouting in capitals, exclamation runs, profanity,
 * repeated-failure phrases ("third time", "still not", "again") and verdicts ("useless", "ridiculous"). Lexical on
 * purpose: it is explainable to the people who read the escalation counts, and costs microseconds.
 */
@Component
public class FrustrationScorer {

    private static final Pattern PROFANITY = Pattern.compile(
            "\\b(?:damn|dammit|hell|crap|crappy|shit\\w*|bs|wtf|f\\*+\\w*|fuck\\w*|freaking|frigging|effing|bloody|sucks?)\\b");
    private static final Pattern REPEATED = Pattern.compile(
            "\\b(?:(?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th))\\s+time|again|still\\s+(?:not|no|doesn'?t|isn'?t|won'?t|broken|down)"
                    + "|keeps?\\s+(?:happening|dropping|failing|going)|every\\s+(?:day|week|time)|for\\s+(?:days|weeks|months)"
                    + "|(?:called|contacted|chatted)\\s+\\w*\\s*(?:times|already|twice)|no\\s+one\\s+(?:helps|fixed|called)"
                    + "|nobody|already\\s+(?:tried|did|restarted|called))\\b");
    private static final Pattern VERDICT = Pattern.compile(
            "\\b(?:useless|ridiculous|unacceptable|pathetic|terrible|horrible|awful|worst|joke|fed\\s+up|sick\\s+of|tired\\s+of"
                    + "|furious|angry|pissed|livid|frustrat\\w*|incompetent|rip\\s*off|scam|disgrace\\w*|fix\\s+it\\s+now)\\b");

    public double score(String message) {
        if (message == null || message.isBlank()) {
            return 0;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        double score = 0;
        score += Math.min(0.45, 0.3 * count(PROFANITY, lower));
        score += Math.min(0.4, 0.2 * count(REPEATED, lower));
        score += Math.min(0.45, 0.25 * count(VERDICT, lower));
        score += capitalsShare(message) >= 0.6 ? 0.3 : 0;
        score += message.contains("!!") || message.contains("?!") ? 0.15 : 0;
        return Math.min(1.0, Math.round(score * 100) / 100.0);
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Share of letters in capitals, over messages with enough letters to shout. */
    private static double capitalsShare(String message) {
        int letters = 0;
        int upper = 0;
        for (char c : message.toCharArray()) {
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters < 8 ? 0 : (double) upper / letters;
    }
}
