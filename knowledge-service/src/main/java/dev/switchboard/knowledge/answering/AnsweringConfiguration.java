package dev.switchboard.knowledge.answering;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.Agent;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.Route;
import dev.switchboard.platform.kafka.Rehearsals;
import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.schemas.Topics;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnsweringConfiguration {

    /** The support desk's hours are judged by this clock; tests fix it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    UncoveredQuestions uncoveredQuestions(SentenceEmbedder embedder, AnsweringProperties properties) {
        return new UncoveredQuestions(embedder, properties.noAnswer().uncovered().settings());
    }

    /**
     * Readiness rehearses a question intent-service routed here through the listener (retrieved, answered, published
     * on chat.replies), so the first real one runs a warm path (see {@link Rehearsals}).
     */
    @Bean
    WarmUp answeringRehearsal(Rehearsals rehearsals, SentenceEmbedder embedder) {
        String question = "How do I set up autopay for my monthly bill?";
        return rehearsals.warmUp(ClassifiedListener.ID, Topics.CHAT_CLASSIFIED, envelope -> {
            IntentClassified turn = envelope.stamp(new IntentClassified());
            turn.setContent(question);
            turn.setIntent("autopay_paperless");
            turn.setAgent(Agent.billing);
            turn.setConfidence(0.9);
            turn.setCandidates(List.of(new IntentCandidate("autopay_paperless", Agent.billing, 0.9)));
            turn.setClassifierVersion("rehearsal");
            turn.setEmbedding(SentenceEmbedder.asList(embedder.embed(question)));
            turn.setFrustration(0.0);
            turn.setRoute(Route.knowledge);
            turn.setLanguage("en");
            turn.setFollowUp(false);
            return turn;
        });
    }
}
