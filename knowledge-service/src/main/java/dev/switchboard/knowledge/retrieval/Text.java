package dev.switchboard.knowledge.retrieval;

import dev.switchboard.language.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Normalization and sentence splitting shared by the stages. */
final class Text {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\s*\\n+\\s*");
    /** How customers open the sentence that asks: a question word, a request, or a want. */
    private static final Pattern ASKING = Pattern.compile(
            "^(?:how|what|whats|what's|why|where|when|which|who|can|could|would|will|is|are|do|does|did|should|"
                    + "please|pls|help|i need|i want|i'd like|i would like|need|want|tell me|explain|show me|"
                    + "is there|any way|anyway)\\b.*");

    /** "didn't help", "still not working": what a customer says when a fix did not work. */
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|no longer|never|still|didn't|didnt|doesn't|doesnt|don't|dont|isn't|isnt|wasn't|wasnt|won't|"
                    + "wont|can't|cant|haven't|havent|nothing)\\b");

    /** A message of at least this many words is a story, scored sentence by sentence as well as whole. */
    static final int LONG_MESSAGE_WORDS = 15;
    private static final int MAX_ASKING_SENTENCES = 2;

    private Text() {
    }

    static boolean negated(String text) {
        return NEGATION.matcher(Words.normalize(text)).find();
    }

    /**
     * The sentences of a long message that carry its ask: questions and requests, else the last sentence (customers
     * tend to tell the story first). Empty for a short or single-sentence message, which is its own ask.
     */
    static List<String> askingSentences(String message) {
        if (Words.count(message) < LONG_MESSAGE_WORDS) {
            return List.of();
        }
        List<String> sentences = Arrays.stream(SENTENCE_END.split(message.trim())).map(String::trim)
                .filter(s -> Words.count(s) >= 3).toList();
        if (sentences.size() < 2) {
            return List.of();
        }
        List<String> asking = new ArrayList<>();
        for (String sentence : sentences) {
            if (sentence.endsWith("?") || ASKING.matcher(Words.normalize(sentence)).matches()) {
                asking.add(sentence);
            }
        }
        if (asking.isEmpty()) {
            return List.of(sentences.get(sentences.size() - 1));
        }
        // the last asks are the customer's actual question more often than the first
        return List.copyOf(asking.subList(Math.max(0, asking.size() - MAX_ASKING_SENTENCES), asking.size()));
    }
}
