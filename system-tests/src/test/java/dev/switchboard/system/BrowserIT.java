package dev.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The chat page and the dashboard in a real browser (Debian's Chromium, headless) against the local stack: what a
 * customer and an agent see and do. The tests follow one customer's conversation, so they run in order. Screenshots
 * are saved under {@code target/browser-screenshots}.
 */
@SharedStack.OnTheSharedStack
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    static final Duration REPLY = Duration.ofSeconds(40);

    @TempDir
    static Path profile;

    static RunningStack stack;
    static Browser browser;
    static final Api api = new Api();
    /** Undoes what the streaming case did: stops the stub model and restarts llm-fallback-service without it. */
    static AutoCloseable modelBacked = () -> { };

    @BeforeAll
    static void startTheStackAndTheBrowser(SharedStack shared) {
        if (Browser.unavailable().isPresent()) {
            return; // each test is skipped with the reason below, so the report counts and names them
        }
        stack = shared.stack();
        browser = Browser.start(profile);
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Browser.unavailable().isEmpty(), () -> Browser.unavailable().orElseThrow());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.close();
        }
        modelBacked.close();
    }

    @Test
    @Order(1)
    void aMessageIsAnsweredWithItsAgentBadgeSourceAndCitedArticles() {
        // Given the chat page, connected with a guest token
        browser.open("/");
        awaitConnected();

        // When the customer types a question and sends it
        browser.type("#input", "my internet is super slow tonight");
        browser.one("#send").click();

        // Then their message shows at once and the reply follows with the agent, the source and the cited articles
        assertThat(browser.text(".msg.user .content")).isEqualTo("my internet is super slow tonight");
        await().atMost(REPLY).until(() -> browser.present(".msg.assistant[data-id]"));
        WebElement reply = browser.one(".msg.assistant[data-id]");
        assertThat(reply.getDomAttribute("data-agent")).isEqualTo("tech_support");
        assertThat(browser.text(".msg.assistant .badge")).isEqualTo("Tech support");
        assertThat(browser.text(".msg.assistant .source")).isEqualTo("Knowledge base");
        assertThat(browser.text(".msg.assistant .refs summary")).matches("\\d+ cited articles?");
        assertThat(browser.one("#typing").isDisplayed()).isFalse();

        // And what the page shows is what chat-service stored for this customer's conversation
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(storedMessages())
                .extracting(m -> m.get("id")).containsExactlyElementsOf(shownIds()));
        assertThat(storedMessages().get(1).get("content"))
                .isEqualTo(browser.js("return arguments[0].textContent", reply.findElement(By.cssSelector(".content"))));

        // And a second question in the same conversation is answered below it
        browser.type("#input", "how do I pay my bill");
        browser.one("#send").click();
        await().atMost(REPLY).until(() -> browser.all(".msg.assistant[data-id]").size() == 2);
        WebElement second = browser.all(".msg.assistant[data-id]").get(1);
        assertThat(second.findElement(By.cssSelector(".badge")).getText())
                .isEqualTo(label(second.getDomAttribute("data-agent")));
        second.findElement(By.cssSelector(".refs summary")).click();
        browser.js("document.getElementById('messages').scrollTop = 1e9");
        browser.screenshot("chat");
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void aThumbsDownAndAConversationRatingAreRecordedByFeedbackService() {
        // When the customer marks the first reply unhelpful and rates the conversation 4 of 5
        browser.one(".msg.assistant[data-id] .thumb.down").click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "Thanks for the feedback".equals(browser.text(".msg.assistant[data-id] .thanks")));
        browser.one(".star[data-rating='4']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text("#rate-result").contains("4/5"));

        // Then the page shows the choice and feedback-service counts exactly that (this stack is fresh)
        assertThat(browser.one(".msg.assistant[data-id] .thumb.down").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.one(".msg.assistant[data-id] .thumb.up").getDomAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.all(".star.on")).hasSize(4);
        Map<String, Object> summary = api.get("/api/v1/feedback/summary", api.token("agent")).body();
        assertThat((Map<String, Object>) summary.get("replies")).containsEntry("down", 1).containsEntry("up", 0);
        assertThat((Map<String, Object>) summary.get("conversations")).containsEntry("count", 1)
                .containsEntry("averageRating", 4.0);
    }

    @Test
    @Order(3)
    void afterAReloadTheConversationIsShownAgainAndListedWithThePastOnes() {
        // Given what the page shows
        List<String> before = shownIds();
        String conversation = (String) browser.js("return switchboardDebug.conversationId()");

        // When the customer reloads the page
        browser.reload();

        // Then the same messages come back in the same order, and the conversation is listed as the current one
        await().atMost(Duration.ofSeconds(20)).until(() -> shownIds().equals(before));
        awaitConnected();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.present("#conversations button.current[data-id='" + conversation + "']"));
        assertThat(browser.text("#conversations button.current .title")).contains("4 messages");

        // And starting a new conversation, then picking the old one from the list, reads its history again
        browser.one("#new-conversation").click();
        assertThat(shownIds()).isEmpty();
        // the list is redrawn after the reset: click whichever button is there once it is
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            browser.one("#conversations button[data-id='" + conversation + "']").click();
            return true;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> shownIds().equals(before));
    }

    @Test
    @Order(4)
    void aDroppedConnectionReconnectsAndShowsWhatWasAnsweredMeanwhileExactlyOnce() {
        List<String> before = shownIds();
        long connections = (Long) browser.js("return switchboardDebug.connections()");
        String token = (String) browser.js("return switchboardDebug.token()");
        String conversation = (String) browser.js("return switchboardDebug.conversationId()");

        // Given the connection drops and stays down for a while
        browser.js("switchboardDebug.hold()");
        await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(connectionState()));

        // When meanwhile a message of this customer is answered in the conversation (from another tab, over REST)
        String missedId = UUID.randomUUID().toString();
        Map<String, Object> missedReply = api.post("/api/v1/chat/messages", token, Map.of("id", missedId,
                "content", "my wifi keeps dropping", "conversationId", conversation)).body();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> storedMessages().stream().anyMatch(m -> missedReply.get("id").equals(m.get("id"))));

        // And the customer types a message while the page is offline: it waits, with the typing indicator on
        browser.type("#input", "my tv has no signal");
        browser.one("#send").click();
        assertThat(browser.all(".msg.user.unconfirmed")).hasSize(1);
        assertThat(browser.one("#typing").isDisplayed()).isTrue();
        String queuedId = browser.one(".msg.user.unconfirmed").getDomAttribute("data-id");

        // And the page reconnects
        browser.js("switchboardDebug.release()");
        awaitConnected();

        // Then it shows what was answered meanwhile, once, in the server's order after what it had; then sends the
        // waiting message, which is answered over the new connection
        await().atMost(REPLY).until(() -> shownIds().size() == before.size() + 4);
        assertThat(shownIds()).startsWith(before.toArray(String[]::new))
                .containsSubsequence(missedId, (String) missedReply.get("id"), queuedId).doesNotHaveDuplicates();
        assertThat(browser.one(".msg.assistant[data-id]:last-of-type").getDomAttribute("data-reply-to"))
                .isEqualTo(queuedId);
        assertThat(browser.all(".msg.user.unconfirmed")).isEmpty();
        assertThat(browser.one("#typing").isDisplayed()).isFalse();
        assertThat((Long) browser.js("return switchboardDebug.connections()")).isEqualTo(connections + 1);

        // And a drop the page is not told about is reconnected on its own; the new socket carries new messages
        browser.js("switchboardDebug.drop()");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> (Long) browser.js("return switchboardDebug.connections()") == connections + 2);
        awaitConnected();
        browser.type("#input", "is there an outage in my area");
        browser.one("#send").click();
        await().atMost(REPLY).until(() -> shownIds().size() == before.size() + 6);
        assertThat(shownIds()).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(shownIds())
                .containsExactlyElementsOf(storedMessages().stream().map(m -> (String) m.get("id")).toList()));

        // And a message whose frame never reached the gateway (in flight when the connection went down) is sent
        // again, with its id, after the reconnect, and answered once
        browser.js("switchboardDebug.loseNextFrame()");
        browser.type("#input", "my landline has no dial tone");
        browser.one("#send").click();
        String lostId = browser.one(".msg.user.unconfirmed").getDomAttribute("data-id");
        browser.js("switchboardDebug.drop()");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> (Long) browser.js("return switchboardDebug.connections()") == connections + 3);
        await().atMost(REPLY).until(() -> shownIds().size() == before.size() + 8);
        assertThat(browser.one(".msg.assistant[data-id]:last-of-type").getDomAttribute("data-reply-to"))
                .isEqualTo(lostId);
        assertThat(browser.all(".msg.user.unconfirmed")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(shownIds())
                .containsExactlyElementsOf(storedMessages().stream().map(m -> (String) m.get("id")).toList()));
    }

    @Test
    @Order(5)
    void onAPhoneSizedScreenTheChatFitsAndThePastConversationsOpenAsADrawer() {
        // Given a phone-sized window
        browser.resize(390, 844);
        browser.reload();
        await().atMost(Duration.ofSeconds(20)).until(() -> !shownIds().isEmpty());
        awaitConnected();

        // Then nothing is wider than the screen, the composer is visible and the list is tucked away
        assertThat((Long) browser.js("return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo((Long) browser.js("return document.documentElement.clientWidth"));
        assertThat(browser.one("#input").isDisplayed()).isTrue();
        assertThat(left("#history")).isLessThan(0);
        browser.screenshot("chat-phone");

        // When the customer opens the list
        browser.one("#toggle-history").click();

        // Then it slides in over the chat
        await().atMost(Duration.ofSeconds(5)).until(() -> left("#history") >= 0);
        browser.screenshot("chat-phone-conversations");
        browser.one("#toggle-history").click();
        browser.resize(1280, 900);
    }

    @Test
    @Order(6)
    void theDashboardShowsAnAgentTheCountersMoveAfterAMessageAndAnAdminEveryService() {
        // Given a customer cannot see analytics
        browser.open("/dashboard");
        signIn("alice");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text("#signin-error").contains("may not see"));

        // And an agent sees the overview with its charts, counting the customer's six messages so far
        signIn("agent");
        await().atMost(Duration.ofSeconds(30)).until(() -> "6".equals(card("messages")));
        assertThat(browser.all("svg[data-chart='volume'] rect")).as("a bar a minute").hasSize(60);
        assertThat(browser.all("svg[data-chart='intents'] g[data-intent]")).isNotEmpty();
        assertThat(browser.all("svg[data-chart='languages'] g[data-language='en']")).as("English counted").hasSize(1);
        assertThat(browser.text("#health li[data-service='overall'] .status")).isEqualTo("UP");
        assertThat(browser.text("#health-note")).contains("admin");

        // When a customer sends a message
        api.post("/api/v1/chat/messages", api.guestToken(), Map.of("content", "how do I reset my router"));

        // Then the counters move on the next refreshes without reloading the page
        await().atMost(Duration.ofSeconds(60)).until(() -> "7".equals(card("messages")));
        assertThat(card("conversations")).isEqualTo("2");

        // When a customer reads their account
        assertThat(api.get("/api/v1/account/me", api.token("alice")).status()).isEqualTo(200);

        // Then the read shows among the account actions, by tool and outcome
        await().atMost(Duration.ofSeconds(60)).until(() -> !browser.all("svg[data-chart='actions'] g[data-kind]")
                .isEmpty());
        assertThat(browser.all("svg[data-chart='actions'] g[data-kind]")).extracting(g -> g.getDomAttribute("data-kind"))
                .anyMatch(kind -> kind.endsWith(":allowed"));

        // And an admin also sees the health of every service
        browser.one("#signout").click();
        signIn("admin");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.present("#health li[data-service$='-service']"));
        assertThat(browser.all("#health li[data-service$='-service']")).extracting(li -> li.getDomAttribute("data-service"))
                .containsExactlyInAnyOrder("account-service", "analytics-service", "chat-service", "feedback-service",
                        "intent-service", "knowledge-service", "llm-fallback-service");
        assertThat(browser.all("#health li[data-service$='-service'] .status"))
                .extracting(WebElement::getText).containsOnly("UP");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.text("#updated").startsWith("Updated"));
        browser.resize(1280, 1500);
        browser.screenshot("dashboard");
        browser.resize(1280, 900);
    }

    @Test
    @Order(7)
    void aReplyFromAModelStreamsIntoThePageAndEndsAsAnAiAnswerWithItsCitation() throws IOException {
        // Given llm-fallback-service restarted against a local OpenAI-compatible model (the only stub here)
        LlmFallbackStackIT.ModelStub model = LlmFallbackStackIT.ModelStub.start(
                "Multicast for IPTV works on your own router with IGMP proxy on. ",
                "If the picture still freezes, type \"agent\" and a person will help ");
        LlmFallbackStackIT.restartWithModel(stack, model);
        modelBacked = () -> LlmFallbackStackIT.withoutModel(stack, model);
        browser.open("/");
        awaitConnected();

        // When the customer asks what the knowledge base has no confident answer for
        browser.type("#input", LlmFallbackStackIT.OUT_OF_KB);
        browser.one("#send").click();

        // Then the answer streams into the page chunk by chunk and ends as the model's reply, citing an article
        await().atMost(REPLY).until(() -> browser.present(".msg.assistant[data-source='llm']"));
        WebElement reply = browser.one(".msg.assistant[data-source='llm']");
        String content = (String) browser.js("return arguments[0].textContent",
                reply.findElement(By.cssSelector(".content")));
        assertThat(content).startsWith("Multicast for IPTV works").contains("[kb-");
        assertThat(reply.findElement(By.cssSelector(".source")).getText()).isEqualTo("AI");
        assertThat((Long) browser.js("return switchboardDebug.chunks()")).isGreaterThanOrEqualTo(2);
        assertThat(browser.js("return switchboardDebug.lastStreamed()")).isEqualTo(content);
        assertThat(browser.present(".msg.streaming")).isFalse();
        browser.js("document.getElementById('messages').scrollTop = 1e9");
        browser.screenshot("chat-streamed");
    }

    private static void signIn(String user) {
        browser.type("#signin input[name='username']", user);
        browser.type("#signin input[name='password']", "switchboard");
        browser.one("#signin button[type='submit']").click();
    }

    private static String card(String metric) {
        return browser.text(".card[data-metric='" + metric + "'] .value");
    }

    private static double left(String css) {
        return ((Number) browser.js("return document.querySelector(arguments[0]).getBoundingClientRect().left", css))
                .doubleValue();
    }

    private static void awaitConnected() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(connectionState()));
    }

    private static String connectionState() {
        return browser.one("#connection").getDomAttribute("data-state");
    }

    @SuppressWarnings("unchecked")
    private static List<String> shownIds() {
        return (List<String>) browser.js(
                "return [...document.querySelectorAll('#messages .msg[data-id]')].map(m => m.dataset.id)");
    }

    private static List<Map<String, Object>> storedMessages() {
        String token = (String) browser.js("return switchboardDebug.token()");
        String conversation = (String) browser.js("return switchboardDebug.conversationId()");
        return api.messages(conversation, token);
    }

    private static String label(String agent) {
        return switch (agent) {
            case "tech_support" -> "Tech support";
            case "billing" -> "Billing";
            default -> "General";
        };
    }

}
