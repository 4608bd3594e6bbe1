package dev.switchboard.intent.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import dev.switchboard.intent.guardrail.Guardrail;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationContextTest {

    @Test
    void theMemoryIsBoundedAndTurnsExpire() {
        // Given a memory of two conversations with a 60 s lifetime
        ConversationContext context = new ConversationContext(new ConversationContext.Settings(2, 60));
        context.remember("a", new ConversationContext.Turn("slow_internet", Agent.tech_support, 0, 0, List.of(), Guardrail.Earlier.NONE));
        context.remember("b", new ConversationContext.Turn("bill_explanation", Agent.billing, 0, 0, List.of(), Guardrail.Earlier.NONE));

        // When a third conversation arrives
        context.remember("c", new ConversationContext.Turn("greeting", Agent.general, 0, 0, List.of(), Guardrail.Earlier.NONE));

        // Then the least recently used is forgotten, and old turns are no context
        assertThat(context.previous("a", 1_000)).isEmpty();
        assertThat(context.previous("b", 1_000)).isPresent();
        assertThat(context.previous("b", 61_000)).isEmpty();
    }
}
