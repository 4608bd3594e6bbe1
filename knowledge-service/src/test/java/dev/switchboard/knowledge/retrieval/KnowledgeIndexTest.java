package dev.switchboard.knowledge.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeIndexTest {

    private final KnowledgeIndex index = TestIndex.shipped();

    @Test
    void aLongStoryStillFindsTheArticleItAsksAbout() {
        // Given a message whose story is about installation and streaming, and whose ask is the WiFi password
        String message = "We moved in last weekend and the technician finished the install on Saturday. The kids "
                + "have been streaming shows all day and the TV works fine. Where do I find the WiFi password so I "
                + "can connect my new printer?";

        // When it is retrieved without any routed intent
        Retrieval retrieval = index.retrieve(message, null, Map.of());

        // Then the WiFi article answers it, confidently, and is cited
        assertThat(retrieval.best()).get().extracting(Retrieval.RankedIntent::intent).isEqualTo("wifi_setup");
        assertThat(retrieval.confident()).isTrue();
        assertThat(retrieval.hits().get(0).articleId()).startsWith("kb-wifi_setup-");
    }

    @Test
    void aFollowUpIsRetrievedWithinItsTopicOnlyAndATopicTheKnowledgeBaseLacksAsUsual() {
        // Given a follow-up's words, which alone rank another intent than its topic first
        String words = "yes even wired to the router";
        Retrieval alone = index.retrieve(words, null, Map.of());
        assertThat(alone.best().get().intent()).isNotEqualTo("slow_internet");

        // When they are retrieved within slow internet, and within a topic this knowledge base does not have
        Retrieval within = index.retrieveWithin("slow_internet", words, null);
        Retrieval lacking = index.retrieveWithin("satellite_radio", words, null);

        // Then only slow internet ranks and is cited, and without the topic nothing is restricted
        assertThat(within.intents()).extracting(Retrieval.RankedIntent::intent).containsExactly("slow_internet");
        assertThat(within.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.intent()).isEqualTo("slow_internet"));
        assertThat(lacking.intents()).isEqualTo(alone.intents());
    }

    @Test
    void offTopicMessagesAreNotAnsweredFromTheKnowledgeBase() {
        for (String message : List.of("write me a poem about the ocean", "what's the capital of peru",
                "give me a recipe for lasagna")) {
            Retrieval retrieval = index.retrieve(message, null, Map.of());

            assertThat(retrieval.confident()).as(message).isFalse();
        }
    }

    @Test
    void aFixThatDidNotWorkIsNotAnsweredWithAThankYou() {
        assertThat(index.retrieve("that worked, thanks", null, Map.of()).confident()).isTrue();

        for (String message : List.of("that didn't help at all", "no, that did not fix it", "still not working")) {
            Retrieval retrieval = index.retrieve(message, null, Map.of());

            assertThat(retrieval.confident() && retrieval.best().get().intent().equals("thanks")).as(message).isFalse();
        }
    }

    @Test
    void everyStageRanksOnItsOwnAndTheFusionAgrees() {
        Retrieval retrieval = index.retrieve("how do I turn on autopay", null, Map.of());

        assertThat(retrieval.stageRankings().get(Stage.KEYWORD)).first().isEqualTo("autopay_paperless");
        assertThat(retrieval.stageRankings().get(Stage.BM25)).first().isEqualTo("autopay_paperless");
        assertThat(retrieval.stageRankings().get(Stage.VECTOR)).first().isEqualTo("autopay_paperless");
        assertThat(retrieval.best().get().intent()).isEqualTo("autopay_paperless");
        assertThat(retrieval.matchedBy()).isEqualTo(Stage.KEYWORD);
        assertThat(retrieval.confidence()).isEqualTo(1.0);
    }

    @Test
    void aKeywordFreeMessageHasNoKeywordStageButTheOthersFindIt() {
        Retrieval retrieval = index.retrieve("nothing loads on any of my devices since this morning", null, Map.of());

        assertThat(retrieval.stageRankings().get(Stage.VECTOR)).first().isEqualTo("internet_outage");
        assertThat(retrieval.best().get().intent()).isEqualTo("internet_outage");
    }

    @Test
    void theRoutedIntentReScoresTheFusion() {
        // Given a message that retrieval alone ranks one way
        String message = "is it possible to get a faster speed tier";
        Retrieval alone = index.retrieve(message, null, Map.of());
        String first = alone.intents().get(0).intent();
        String second = alone.intents().get(1).intent();

        // When the classifier routed it, confidently, to the runner-up
        Retrieval routed = index.retrieve(message, null, Map.of(second, 0.95));

        // Then the runner-up gains the prior's share of its probability, and the leader loses its share
        double w = RetrievalSettings.defaults().priorWeight();
        assertThat(score(routed, second)).isCloseTo((1 - w) * score(alone, second) + w * 0.95, within(1e-3));
        assertThat(score(routed, first)).isCloseTo((1 - w) * score(alone, first), within(1e-3));

        // And with a prior weighted as much as the fusion, the runner-up wins
        RetrievalSettings d = RetrievalSettings.defaults();
        KnowledgeIndex strongPrior = KnowledgeIndex.build(TestIndex.knowledgeBase(), TestIndex.embedder(),
                new RetrievalSettings(d.rrfK(), d.keywordWeight(), d.bm25Weight(), d.vectorWeight(), 0.5,
                        d.askWeight(), d.answerThreshold(), d.similarityFloor(), d.followUpFloor()));
        assertThat(strongPrior.retrieve(message, null, Map.of(second, 0.95)).best().get().intent()).isEqualTo(second);
    }

    private static double score(Retrieval retrieval, String intent) {
        return retrieval.intents().stream().filter(i -> i.intent().equals(intent)).findFirst().orElseThrow().score();
    }

    @Test
    void theClassifiersEmbeddingIsUsedInsteadOfEmbeddingAgain() {
        // Given the embedding of one message carried with the text of another
        float[] cancel = TestIndex.embedder().embed("I want to cancel my service and close the account");

        // When retrieved, the vector stage ranks by the carried embedding
        Retrieval retrieval = index.retrieve("where is the nearest store", cancel, Map.of());

        assertThat(retrieval.stageRankings().get(Stage.VECTOR)).first().isEqualTo("cancel_service");
    }

    @Test
    void anEmbeddingOfAnotherModelIsNotUsed() {
        Retrieval retrieval = index.retrieve("where is the nearest store", new float[] {1, 0, 0}, Map.of());

        assertThat(retrieval.stageRankings().get(Stage.VECTOR)).first().isEqualTo("store_locations_hours");
    }

    @Test
    void hitsAreArticlesOfTheRankedIntentsBestFirst() {
        Retrieval retrieval = index.retrieve("my modem lights are blinking orange", null, Map.of());

        assertThat(retrieval.hits()).isNotEmpty();
        assertThat(retrieval.hits().get(0).intent()).isEqualTo(retrieval.best().get().intent());
        assertThat(retrieval.hits()).extracting(Retrieval.Hit::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(retrieval.hits()).extracting(Retrieval.Hit::articleId).doesNotHaveDuplicates();
    }
}
