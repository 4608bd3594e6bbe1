package dev.switchboard.knowledge.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.PublishedKnowledgeBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrieverTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aSwapServesTheOtherVersionWholeAndTheGaugeNamesIt() {
        // Given a retriever serving the shipped knowledge base as version 1
        KnowledgeBase shipped = TestIndex.knowledgeBase();
        Retriever retriever = new Retriever(new PublishedKnowledgeBase(1, "c1", shipped), TestIndex.embedder(),
                RetrievalSettings.defaults(), meters);
        String question = "can I bring my pet iguana to the store";
        assertThat(retriever.retrieve(question, null, Map.of(), Retriever.Origin.SEARCH).hits())
                .noneMatch(h -> h.articleId().equals("kb-iguana"));

        // When version 2, with an article about iguanas, is swapped in
        Map<String, KnowledgeBase.Entry> entries = new HashMap<>(shipped.entries());
        KnowledgeBase.Entry general = entries.get("store_locations_hours");
        List<KnowledgeBase.Article> articles = new ArrayList<>(general.articles());
        articles.add(new KnowledgeBase.Article("kb-iguana", "Pet iguanas in our stores",
                "Pet iguanas are welcome in every store as long as they stay on a leash."));
        entries.put("store_locations_hours", new KnowledgeBase.Entry(general.intent(), general.agent(), general.title(),
                general.keywords(), general.response(), general.confidence(), general.examples(), articles,
                general.followUps()));
        retriever.swap(new PublishedKnowledgeBase(2, "c2", new KnowledgeBase("iguanas", entries)));

        // Then it serves version 2: the new article is found, and the gauge names it
        assertThat(retriever.active().versionId()).isEqualTo(2);
        assertThat(retriever.knowledgeBase().version()).isEqualTo("iguanas");
        assertThat(retriever.retrieve(question, null, Map.of(), Retriever.Origin.SEARCH).hits())
                .anyMatch(h -> h.articleId().equals("kb-iguana"));
        assertThat(meters.get("knowledge.version.active").gauge().value()).isEqualTo(2);
        assertThat(meters.get("knowledge.retrieval").tag("origin", "search").timers().stream()
                .mapToLong(t -> t.count()).sum()).isEqualTo(2);
    }
}
