package dev.switchboard.intent.routing;

import dev.switchboard.events.Agent;
import dev.switchboard.events.Route;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.IntentClassifier;
import dev.switchboard.intent.context.ConversationContext;
import dev.switchboard.intent.frustration.FrustrationScorer;
import dev.switchboard.intent.guardrail.Guardrail;
import dev.switchboard.intent.guardrail.Obfuscation;
import dev.switchboard.intent.language.LanguageRecognizer;
import dev.switchboard.language.Words;
import dev.switchboard.schemas.Taxonomy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * One turn of a conversation: the classifier's view of the message, corrected by the conversation's dialogue state.
 *
 * <ul>
 * <li>The answer to a clarifying question (a clicked suggestion's {@code choice}, or typed: an offered intent the
 * classifier sees or whose title the customer names) routes to the picked intent.</li>
 * <li>A short follow-up keeps the previous turn's intent and agent unless the classifier is confident it belongs
 * elsewhere: when it refers back ("still not working", "yes, do that", "how much is it?"), when the classifier cannot
 * place it, or when the previous intent is still among the likely ones (at least a third of the best). A pronoun ("it",
 * "that") refers back only while the previous intent is among the classifier's candidates at all, and "and" only when
 * it opens the message. A report that the fix the customer tried did not help ("signed in again, same error") keeps
 * it however sure the classifier is.</li>
 * <li>When the classifier is unsure between topics (best probability below {@code clarifyBelow} and the runner-up
 * within {@code clarifyMargin}), the turn is answered with a clarifying question offering the likeliest intents,
 * routed one first, plus "something else / a person" ({@code human_handoff}); never twice in a row.</li>
 * <li>Two frustrated turns in a row route to {@code human_handoff} (agent general) so the reply offers a person; the
 * candidates still list the real intent first, so analytics and the knowledge service can see what it was about.
 * Counted as {@code intent.frustration.escalations}.</li>
 * <li>Before all of these, the input guardrail ({@link Guardrail}): a refused attack routes to {@code guardrail}
 * (intent unknown, agent general) whatever else the message says; a turn read on its own (no follow-up, no pick, no
 * rule's verdict) that is off-topic routes to {@code guardrail} for the scope reply.</li>
 * <li>After a refusal and before everything else, the language ({@link LanguageRecognizer}): a message that is not in
 * English routes to {@code guardrail} (intent unknown, agent general) for the language reply, whatever the turn, since
 * no article in English answers it.</li>
 * </ul>
 */
@Component
@EnableConfigurationProperties(TurnRouter.Settings.class)
class TurnRouter {

    /**
     * @param frustrationThreshold a turn at or above it counts as frustrated
     * @param followUpMaxWords longer messages are never treated as follow-ups
     * @param clearlyElsewhere a follow-up classified at or above this confidence leaves the previous topic
     * @param lowConfidence classifications below it are counted as low confidence
     * @param clarifyBelow a best intent less probable than this may be clarified instead of guessed
     * @param clarifyMargin ... when the runner-up is within this of it
     * @param clarifyOptions intents a clarifying question offers, besides "something else / a person"
     */
    @ConfigurationProperties("switchboard.routing")
    record Settings(@DefaultValue("0.5") double frustrationThreshold, @DefaultValue("10") int followUpMaxWords,
            @DefaultValue("0.8") double clearlyElsewhere, @DefaultValue("0.5") double lowConfidence,
            @DefaultValue("0.45") double clarifyBelow, @DefaultValue("0.10") double clarifyMargin,
            @DefaultValue("3") int clarifyOptions) {

        static Settings defaults() {
            return new Settings(0.5, 10, 0.8, 0.5, 0.45, 0.10, 3);
        }
    }

    /**
     * @param offered the intents a clarifying question offers (route clarification), else empty
     * @param picked the turn answered a clarifying question
     * @param guardrail the input guardrail's outcome: refused and scope route to {@code guardrail}
     * @param language the message's language (ISO 639-1); any but English routes to {@code guardrail} unless refused
     * @param flow the guided flow the turn is in (route flow), else null
     */
    record Routed(Classification classification, Route route, List<String> offered, double frustration,
            boolean followUp, boolean picked, boolean escalated, Guardrail.Outcome guardrail, String language,
            String flow) {

        /** A turn routed before the flows had their say: in no flow. */
        Routed(Classification classification, Route route, List<String> offered, double frustration,
                boolean followUp, boolean picked, boolean escalated, Guardrail.Outcome guardrail, String language) {
            this(classification, route, offered, frustration, followUp, picked, escalated, guardrail, language, null);
        }

        /** Answered with the language reply: not in English, and neither refused nor a person at risk. */
        boolean otherLanguage() {
            return route == Route.guardrail && !guardrail.overridesTheLanguage()
                    && !LanguageRecognizer.ENGLISH.equals(language);
        }
    }

    private static final Set<String> NOT_A_TOPIC = Set.of(Taxonomy.UNKNOWN, Taxonomy.HUMAN_HANDOFF, "greeting", "thanks");
    private static final Pattern FOLLOW_UP = Pattern.compile(
            "(?i)^\\s*and\\b|\\b(?:still|again|same|how much|how long|what about|also|any update|why"
                    + "|yes|yeah|yep|ok|okay|already|tried|no change|nothing)\\b");
    /**
     * A pronoun refers back only while the classifier still sees the previous topic in the message at all: "could
     * you send someone to check it?" after an outage asks for something new about the same thing.
     */
    private static final Pattern POINTS_BACK = Pattern.compile("(?i)\\b(?:it|that|this|those|them)\\b");
    /** Accepting what the last reply offered ("ok yes, do that", "yes please"): an answer to the topic, not thanks. */
    private static final Pattern ACCEPTS = Pattern.compile(
            "(?i)\\b(?:yes|yeah|yep|sure|please|do (?:that|it)|go ahead)\\b");
    /**
     * A report that what the customer tried did not fix it ("rebooted it, no change"): its words name what they tried
     * (a restart, signing in again), which the model reads as that topic or as thanks, not a new problem.
     */
    private static final Pattern STILL_BROKEN = Pattern.compile(
            "(?i)\\b(?:still (?:the )?same|same (?:thing|error|problem|issue|result)|no change|nothing changed"
                    + "|still nothing|(?:didn'?t|did not) (?:help|fix it|change anything))\\b");
    /** What the model may call an acceptance when it has no topic of its own (the lexical rules' thanks are exact). */
    private static final Set<String> SMALL_TALK = Set.of("greeting", "thanks");
    /** A message that refers back stays with the topic against a confident other intent of the same agent below this. */
    private static final double CLEARLY_ELSEWHERE_REFERRING_BACK = 0.95;
    /** The previous topic stays when the classifier finds it at least this share of its best intent's probability. */
    private static final double STAY_RATIO = 1 / 3.0;
    private static final Pattern SOMETHING_ELSE = Pattern.compile(
            "(?i)\\b(?:something else|none of (?:these|them|those)|neither|none)\\b");
    /** A lexical rule's verdict (a request for a person, a greeting, thanks) is never unsure. */
    private static final double RULE_CONFIDENCE = 0.99;

    private final IntentClassifier classifier;
    private final FrustrationScorer frustration;
    private final ConversationContext context;
    private final Settings settings;
    private final IntentTitles titles;
    private final Guardrail guardrail;
    private final LanguageRecognizer languages;
    private final MeterRegistry meters;
    private final Timer latency;

    TurnRouter(IntentClassifier classifier, FrustrationScorer frustration, ConversationContext context,
            Settings settings, IntentTitles titles, Guardrail guardrail, LanguageRecognizer languages,
            MeterRegistry meters) {
        this.classifier = classifier;
        this.guardrail = guardrail;
        this.languages = languages;
        this.frustration = frustration;
        this.context = context;
        this.settings = settings;
        this.titles = titles;
        this.meters = meters;
        this.latency = Timer.builder("intent.classification.latency").description("time to classify one message")
                .publishPercentileHistogram().register(meters);
    }

    Routed route(String conversationId, String message, String choice, long nowMillis) {
        String words = Obfuscation.spelledOut(message);
        Classification classified = latency.record(() -> classifier.classify(words));
        String language = languages.recognize(words);
        double anger = frustration.score(message);
        Optional<ConversationContext.Turn> previous = context.previous(conversationId, nowMillis);
        Optional<String> pick = previous.filter(ConversationContext.Turn::askedToClarify)
                .flatMap(t -> pick(choice, message, classified, t.offered()));
        boolean followUp = pick.isEmpty() && previous.isPresent() && isFollowUp(message, classified, previous.get());
        Guardrail.Earlier earlier = previous.map(ConversationContext.Turn::guarded).orElse(Guardrail.Earlier.NONE);
        Guardrail.Earlier guarded = guardrail.after(earlier, message, classified);
        Guardrail.Outcome screened = guardrail.judge(message, classified, earlier,
                pick.isEmpty() && !followUp && classified.confidence() < RULE_CONFIDENCE);
        if (screened.overridesTheLanguage() || !LanguageRecognizer.ENGLISH.equals(language)) {
            return guarded(conversationId, nowMillis,
                    classified.routedTo(Taxonomy.UNKNOWN, Agent.general, classified.candidates()), anger, screened,
                    language, guarded);
        }
        if (screened == Guardrail.Outcome.scope) {
            return guarded(conversationId, nowMillis, classified, anger, screened, language, guarded);
        }
        Classification result = classified;
        List<String> offered = List.of();
        if (pick.isPresent()) {
            result = classified.routedTo(pick.get(), Taxonomy.agentOf(pick.get()), classified.candidates());
            meters.counter("intent.clarification.answers").increment();
        } else if (followUp) {
            ConversationContext.Turn turn = previous.get();
            result = classified.routedTo(turn.intent(), turn.agent(), classified.candidates());
            meters.counter("intent.context.followups").increment();
        } else if (isUnsure(classified) && previous.filter(ConversationContext.Turn::askedToClarify).isEmpty()) {
            offered = offer(classified);
            meters.counter("intent.clarifications").increment();
        }
        boolean escalated = false;
        boolean frustratedNow = anger >= settings.frustrationThreshold();
        if (frustratedNow && previous.filter(t -> t.frustration() >= settings.frustrationThreshold()).isPresent()
                && !Taxonomy.HUMAN_HANDOFF.equals(result.intent())) {
            result = escalate(result);
            offered = List.of();
            escalated = true;
            meters.counter("intent.frustration.escalations").increment();
        }
        Route route = !offered.isEmpty() ? Route.clarification
                : Taxonomy.HUMAN_HANDOFF.equals(result.intent()) ? Route.handoff : Route.knowledge;
        context.remember(conversationId, new ConversationContext.Turn(result.intent(), result.agent(), anger,
                nowMillis, offered, guarded));
        count(result, route);
        return new Routed(result, route, offered, anger, followUp, pick.isPresent(), escalated, screened, language);
    }

    /**
     * A turn intent-service answers itself with the refusal, the language reply or the scope reply; no topic for the
     * next turn.
     */
    private Routed guarded(String conversationId, long nowMillis, Classification result, double anger,
            Guardrail.Outcome outcome, String language, Guardrail.Earlier guarded) {
        context.remember(conversationId, new ConversationContext.Turn(Taxonomy.UNKNOWN, Agent.general, anger,
                nowMillis, List.of(), guarded));
        count(result, Route.guardrail);
        return new Routed(result, Route.guardrail, List.of(), anger, false, false, false, outcome, language);
    }

    private void count(Classification result, Route route) {
        meters.counter("intent.classified", "intent", result.intent(), "agent", result.agent().name()).increment();
        meters.counter("intent.routed", "agent", result.agent().name(), "route", route.name()).increment();
        if (Taxonomy.UNKNOWN.equals(result.intent()) || result.confidence() < settings.lowConfidence()) {
            meters.counter("intent.low_confidence").increment();
        }
    }

    /**
     * Unsure between topics: not a rule's verdict, not off-topic (below the similarity floor the classifier says
     * unknown for the general agent with no in-scope intent close), and the two likeliest intents close and both weak.
     */
    private boolean isUnsure(Classification classified) {
        List<Classification.Candidate> candidates = classified.candidates();
        if (classified.confidence() >= RULE_CONFIDENCE || candidates.size() < 2
                || Taxonomy.UNKNOWN.equals(classified.intent())) {
            return false;
        }
        double best = candidates.get(0).score();
        return best < settings.clarifyBelow() && best - candidates.get(1).score() < settings.clarifyMargin();
    }

    /** The routed intent first, then the likeliest others, then "something else / a person". */
    private List<String> offer(Classification classified) {
        List<String> intents = new ArrayList<>();
        if (!NOT_A_TOPIC.contains(classified.intent())) {
            intents.add(classified.intent());
        }
        classified.candidates().stream().map(Classification.Candidate::intent)
                .filter(i -> !NOT_A_TOPIC.contains(i) && !intents.contains(i)).forEach(intents::add);
        List<String> offered = new ArrayList<>(intents.subList(0, Math.min(settings.clarifyOptions(), intents.size())));
        offered.add(Taxonomy.HUMAN_HANDOFF);
        return List.copyOf(offered);
    }

    /**
     * What the customer picked: the clicked suggestion's id, else an offered intent the classifier sees in the typed
     * answer, else an offered intent whose title the answer names ("the refunds one").
     */
    private Optional<String> pick(String choice, String message, Classification classified, List<String> offered) {
        if (choice != null && offered.contains(choice)) {
            return Optional.of(choice);
        }
        if (offered.contains(classified.intent())) {
            return Optional.of(classified.intent());
        }
        if (SOMETHING_ELSE.matcher(message).find()) {
            return Optional.of(Taxonomy.HUMAN_HANDOFF);
        }
        // a set of what may repeat a word ("no no, I said I ..."): Set.of refuses duplicates
        Set<String> said = new HashSet<>(Arrays.asList(Words.normalize(message).split(" ")));
        Map<String, String> titles = this.titles.normalized();
        return offered.stream().filter(i -> titles.containsKey(i) && !Taxonomy.HUMAN_HANDOFF.equals(i))
                .filter(i -> Arrays.stream(titles.get(i).split(" ")).anyMatch(w -> w.length() > 3 && said.contains(w)))
                .findFirst();
    }

    private boolean isFollowUp(String message, Classification classified, ConversationContext.Turn previous) {
        // nothing to continue after an unclear turn; a rule's request for a person, greeting or thanks is never one
        if (NOT_A_TOPIC.contains(previous.intent())
                || (NOT_A_TOPIC.contains(classified.intent()) && classified.confidence() >= RULE_CONFIDENCE)) {
            return false;
        }
        int words = message.trim().split("\\s+").length;
        if (words > settings.followUpMaxWords()) {
            return false;
        }
        if (SMALL_TALK.contains(classified.intent()) && ACCEPTS.matcher(message).find()
                || STILL_BROKEN.matcher(message).find()) {
            return true;
        }
        boolean seen = classified.candidates().stream().anyMatch(c -> c.intent().equals(previous.intent()));
        boolean refersBack = FOLLOW_UP.matcher(message).find()
                || POINTS_BACK.matcher(message).find() && (seen || NOT_A_TOPIC.contains(classified.intent()));
        // "restarted it, still nothing" reads like the restart topic to the classifier, but continues the outage
        double elsewhere = refersBack && classified.agent() == previous.agent()
                ? Math.max(settings.clearlyElsewhere(), CLEARLY_ELSEWHERE_REFERRING_BACK) : settings.clearlyElsewhere();
        if (!Taxonomy.UNKNOWN.equals(classified.intent()) && classified.confidence() >= elsewhere) {
            return false;
        }
        // the previous topic is still among the likely ones: the conversation's context tips the balance
        boolean stillLikely = !classified.candidates().isEmpty() && classified.candidates().stream()
                .anyMatch(c -> c.intent().equals(previous.intent())
                        && c.score() >= STAY_RATIO * classified.candidates().get(0).score());
        return stillLikely || refersBack || Taxonomy.UNKNOWN.equals(classified.intent());
    }

    /** The real intent stays first among the candidates; the routing goes to a person. */
    private static Classification escalate(Classification real) {
        List<Classification.Candidate> candidates = new ArrayList<>();
        candidates.add(new Classification.Candidate(real.intent(), real.agent(), real.confidence()));
        real.candidates().stream().filter(c -> !c.intent().equals(real.intent())).limit(2).forEach(candidates::add);
        return real.routedTo(Taxonomy.HUMAN_HANDOFF, Agent.general, candidates);
    }
}
