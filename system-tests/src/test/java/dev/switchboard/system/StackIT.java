package dev.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.deploy.DashboardMetrics;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentClassified;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** The whole system, started with the local stack, used over REST and WebSocket like a customer would. */
@SharedStack.OnTheSharedStack
@Order(4) // last but the on-demand fault suite: its faults and its restart would disturb the others
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {

    static final Set<String> AGENTS = Set.of("tech_support", "billing", "general");
    /** The ports of the services behind the gateway, each serving its API and its actuator. */
    static final Map<String, Integer> SERVICE_PORTS = Map.of("chat-service", 8081, "intent-service", 8082,
            "knowledge-service", 8083, "llm-fallback-service", 8084, "analytics-service", 8085, "feedback-service", 8086,
            "account-service", 8087);
    static final Set<String> SOURCES = Set.of("knowledge_base", "llm", "fallback", "escalation", "guardrail",
            "clarification", "no_answer", "flow");
    /** The stack runs three gateways (--gateways=3), each owning its reply partition, on these ports. */
    static final List<Integer> GATEWAY_PORTS = List.of(8080, 8180, 8280);
    static final List<Integer> GATEWAY_MANAGEMENT_PORTS = List.of(8090, 8190, 8290);

    static SharedStack shared;
    static RunningStack stack;
    static final Api api = new Api();
    static String aliceConversation;
    /** Dashboard series that appear only after an event this test does not cause (named, so a typo still fails). */
    static final Set<String> ONLY_AFTER_THEIR_EVENT = Set.of(
            "analytics_account_actions_total",        // an account action (a lookup, a read, a write) analytics counted
            "chat_messages_refused_total",            // a message into another user's conversation
            "gateway_rate_limit_store_errors_total",  // Redis configured and failing
            "gateway_route_unavailable_total",        // a routed call to a service that is down or too slow
            "intent_context_followups_total",         // a short follow-up read in the light of the previous turn
            "intent_frustration_escalations_total",   // an angry customer handed to a person
            "llm_guardrail_blocks_total");            // an attack or off-topic request reaching llm-fallback
    /** Conversations of the dev-set run, with their owner's token, for rating. */
    static final Map<String, String> ratedConversations = new LinkedHashMap<>();

    @BeforeAll
    static void startTheStack(SharedStack theStack) {
        shared = theStack;
        stack = shared.stack();
    }

    @Test
    @Order(10)
    void aRestMessageIsAnsweredWithEveryFieldOfTheContract() {
        // Given a customer with a token
        String token = api.token("alice");
        String id = UUID.randomUUID().toString();

        // When they send a message
        Api.Response response = api.post("/api/v1/chat/messages", token, Map.of("id", id,
                "content", "my internet is super slow tonight", "role", "user", "timestamp", Instant.now().toString()));

        // Then the reply has the contract's fields and came through the pipeline (not the gateway's timeout)
        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> reply = response.body();
        assertContract(reply);
        assertThat(reply.get("messageId")).isEqualTo(id);
        assertThat((String) reply.get("content")).doesNotContain("taking longer than it should");
        assertThat(reply.get("agent")).isEqualTo("tech_support");
        assertThat(reply.get("intent")).isEqualTo("slow_internet");
        assertThat(reply.get("source")).isEqualTo("knowledge_base");

        // And a follow-up in the same conversation stays in it
        Api.Response followUp = api.post("/api/v1/chat/messages", token,
                Map.of("content", "it is still slow", "conversationId", reply.get("conversationId")));
        assertThat(followUp.body().get("conversationId")).isEqualTo(reply.get("conversationId"));
        aliceConversation = (String) reply.get("conversationId");

        // And the conversation reads back in order, replies with every field
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertConversationStored(token));
    }

    @Test
    @Order(12) // a fresh build's first start writes its class-data archives at this stop; the faults need them
    void stoppingLeavesNoProcessAndASecondRunOnTheSameDataWorks() {
        // When the stack is stopped like Ctrl-C would
        List<ProcessHandle> started = stack.processes();
        assertThat(started).hasSizeGreaterThan(7);
        boolean firstStartAfterBuild = shared.firstStartAfterBuild();
        stack.close();

        // Then nothing it started is left
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        // And the first start after a build left the class-data archive of the services' shared libraries, which the
        // faults need
        if (firstStartAfterBuild) {
            assertThat(SharedStack.classDataArchivesMissing()).isFalse();
        }

        // And it starts again on the same data, with alice's conversation still there, and answers
        stack = shared.startAgain();
        assertConversationStored(api.token("alice"));
        Api.Response response = api.post("/api/v1/chat/messages", api.guestToken(),
                Map.of("content", "hello there"));
        assertThat(response.status()).isEqualTo(200);
        assertContract(response.body());
    }

    @Test
    @Order(15)
    void everyPortOfTheStackIsReachedOnTheLoopbackAddressOnly() throws SocketException {
        // Given the addresses of this machine that another machine could reach (issue 15, finding 3)
        List<InetAddress> outside = NetworkInterface.networkInterfaces().filter(StackIT::isUpAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses).filter(address -> !address.isLinkLocalAddress()).toList();
        Assumptions.assumeFalse(outside.isEmpty(), "this machine has no address but the loopback one");

        // When each port of the stack is dialled on them, Then nothing answers there, and everything on 127.0.0.1
        List<Integer> ports = new ArrayList<>(List.of(9092, 15432));
        ports.addAll(GATEWAY_PORTS);
        ports.addAll(GATEWAY_MANAGEMENT_PORTS);
        ports.addAll(SERVICE_PORTS.values());
        for (int port : ports) {
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1:%d", port).isTrue();
            for (InetAddress address : outside) {
                assertThat(connects(address, port)).as("%s:%d", address.getHostAddress(), port).isFalse();
            }
        }
    }

    private static boolean isUpAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    @Order(20)
    void anOffTopicRequestGetsNoKnowledgeBaseAnswer() {
        Api.Response response = api.post("/api/v1/chat/messages", api.guestToken(),
                Map.of("content", "write me a poem about the ocean"));

        assertThat(response.status()).isEqualTo(200);
        assertContract(response.body());
        assertThat(response.body().get("source")).isNotEqualTo("knowledge_base");
        assertThat(response.body().get("intent")).isEqualTo("unknown");
    }

    @Test
    @Order(22)
    void aRefusedAttackGetsTheRefusalAloneAndNeverAnArticle() throws Exception {
        // Given the first blind round's attacks (issue 18), written by someone who saw neither the rules nor the examples
        List<String> attacks = Files.readAllLines(RunningStack.home()
                .resolve("intent-service/src/test/resources/eval/blind-2026-12-03/attacks.tsv")).stream().skip(1)
                .filter(line -> !line.isBlank()).map(line -> line.split("\t", 3)[2]).toList();
        String token = stack.customerToken("attacker-" + UUID.randomUUID());
        try (EventTap tap = new EventTap("chat.replies")) {
            // When each is sent in a conversation of its own
            Set<String> refused = new TreeSet<>();
            for (String attack : attacks) {
                String id = UUID.randomUUID().toString();
                Api.Response response = api.post("/api/v1/chat/messages", token, Map.of("id", id, "content", attack));
                assertThat(response.status()).isEqualTo(200);
                if ("guardrail".equals(response.body().get("source"))) {
                    refused.add(id);
                }
            }

            // Then every refused one had the guardrail's reply alone: no other service answered it, from the knowledge
            // base or otherwise
            assertThat(refused).isNotEmpty();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    tap.events(ChatReplied.class, reply -> refused.contains(reply.getMessageId())))
                    .hasSize(refused.size()).allSatisfy(reply -> assertThat(reply.getSource().name())
                            .isEqualTo("guardrail")));
        }
    }

    @Test
    @Order(24)
    @SuppressWarnings("unchecked")
    void aQuestionNoArticleCoversGetsTheHonestReplyAndTheKnowledgeGapReportListsIt() {
        // Given a question about the service that no article of the shipped knowledge base covers
        String question = "Your technician cracked my bathroom tile while drilling, how do I file a claim for the damage?";

        // When a customer asks it
        Api.Response response = api.post("/api/v1/chat/messages", stack.customerToken("gap-" + UUID.randomUUID()),
                Map.of("content", question));

        // Then the reply says so plainly, cites no article and offers a person
        assertThat(response.status()).isEqualTo(200);
        assertContract(response.body());
        assertThat(response.body()).containsEntry("source", "no_answer");
        assertThat((List<Object>) response.body().get("references")).isEmpty();
        assertThat((List<Map<String, Object>>) response.body().get("suggestions"))
                .extracting(suggestion -> suggestion.get("id")).contains("human_handoff");

        // And the knowledge-gap report lists it for the knowledge base's authors, who alone may read it
        String allTime = "?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((List<Map<String, Object>>) api
                .get("/api/v1/analytics/knowledge-gaps" + allTime, api.token("agent")).body().get("gaps"))
                .anySatisfy(gap -> assertThat(Stream.concat(Stream.of(gap.get("question")),
                        ((List<Object>) gap.get("examples")).stream())).contains(question)));
        assertThat(api.get("/api/v1/analytics/knowledge-gaps", api.token("alice")).status()).isEqualTo(403);
    }

    @Test
    @Order(25)
    @SuppressWarnings("unchecked")
    void aMessageInAnotherLanguageGetsAShortReplyInItAPersonOfferedAndNoArticle() {
        // Given a customer who writes in Spanish
        String token = stack.customerToken("hablante-" + UUID.randomUUID());

        // When they ask why their bill went up
        Api.Response response = api.post("/api/v1/chat/messages", token,
                Map.of("content", "Hola, por qué mi factura de este mes es mucho más alta que la del mes pasado?"));

        // Then they get the guardrail's short reply, not an article, and a person is offered
        assertThat(response.status()).isEqualTo(200);
        assertContract(response.body());
        assertThat(response.body()).containsEntry("source", "guardrail");
        assertThat((List<Object>) response.body().get("references")).isEmpty();
        assertThat((List<Map<String, Object>>) response.body().get("suggestions"))
                .extracting(suggestion -> suggestion.get("id")).contains("human_handoff");

        // And analytics counts a message in Spanish
        String allTime = "?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((List<Map<String, Object>>) api
                .get("/api/v1/analytics/languages" + allTime, api.token("agent")).body().get("languages"))
                .anySatisfy(language -> assertThat(language).containsEntry("language", "es")));
    }

    @Test
    @Order(30)
    void aWebSocketMessageIsAnswered() {
        try (Api.ChatSocket socket = api.connect(api.guestToken())) {
            String id = UUID.randomUUID().toString();
            socket.send(Map.of("id", id, "content", "how do I pay my bill", "role", "user"));

            // a failure names what came back and what each service logged of the message: it failed once in CI with
            // neither (a reply, even the timeout one, is due within 25 s)
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(socket.replies())
                    .as("frames received: %s; logged:%n%s", socket.frames, stack.linesMentioning(id)).isNotEmpty());
            Map<String, Object> reply = socket.replies().get(0);
            assertContract(reply);
            assertThat(reply.get("messageId")).isEqualTo(id);
        }
    }

    @Test
    @Order(40)
    void twoConcurrentWebSocketClientsEachGetOnlyTheirOwnReplies() {
        try (Api.ChatSocket alice = api.connect(api.token("alice")); Api.ChatSocket bob = api.connect(api.token("bob"))) {
            List<String> aliceIds = new ArrayList<>();
            List<String> bobIds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                aliceIds.add(send(alice, "my wifi keeps dropping " + i));
                bobIds.add(send(bob, "why did my bill go up " + i));
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alice.replies().size() >= 5 && bob.replies().size() >= 5);
            assertThat(alice.replies()).extracting(r -> r.get("messageId")).containsExactlyInAnyOrderElementsOf(aliceIds);
            assertThat(bob.replies()).extracting(r -> r.get("messageId")).containsExactlyInAnyOrderElementsOf(bobIds);
        }
    }

    @Test
    // after the dev set, the edge and the load benchmark: on the stack just restarted (order 12) account-service's
    // flows answered one turn a second while cold, and a quarter of the crowd's messages are flow turns (CI, d36d1a3)
    @Order(76)
    void threeGatewaysEachAnswerTheirOwnCustomersAndNoReplyReachesAnotherCustomer() {
        // Given 150 signed-in customers spread over the three gateways, every other one on the WebSocket
        List<Api> gateways = GATEWAY_PORTS.stream().map(port -> new Api("http://localhost:" + port)).toList();
        Crowd crowd = Crowd.of(150, gateways, stack::customerToken);
        try {
            // When each sends two messages, 300 spread over 45 s (under 7 a second: at 15 a second one reply of 450
            // took over the 25 s reply timeout in a slow spell of a clean run on 2026-12-07, docs/faults.md)
            crowd.talk(2, Duration.ofSeconds(45), List.of("how do I pay my bill", "my wifi keeps dropping",
                    "is there an outage in my area", "how do I reset my router"), Duration.ofSeconds(60));

            // Then every customer got exactly one real reply to each of their messages and none to anyone else's
            // (a WebSocket customer whose reply timed out gets the placeholder and then the real reply, both under
            // the message's id: the placeholder is checked first, so that a failure names the right cause)
            for (Crowd.Customer customer : crowd.customers()) {
                List<Map<String, Object>> replies = customer.replies();
                assertThat(replies).as("%s on gateway %d", customer.name, customer.gateway)
                        .noneMatch(r -> String.valueOf(r.get("content")).contains(SteadyLoad.TIMEOUT_REPLY));
                assertThat(replies).as("%s on gateway %d", customer.name, customer.gateway)
                        .extracting(r -> r.get("messageId")).containsExactlyInAnyOrderElementsOf(customer.sent);
                replies.forEach(StackIT::assertContract);
            }
            assertThat(crowd.customers()).filteredOn(c -> c.socket == null)
                    .allSatisfy(c -> assertThat(c.answers.values()).allMatch(r -> r.status() == 200));
        } finally {
            crowd.close();
        }
    }

    @Test
    @Order(77)
    void aMessageSentAgainThroughAnotherGatewayGetsTheSameReplyAndIsProcessedOnce() throws Exception {
        Assumptions.assumeTrue(shared.withRedis(), "without Redis each gateway remembers only its own submissions");
        // Given a customer whose message the first gateway answered
        String token = stack.customerToken("roaming-" + UUID.randomUUID());
        String id = UUID.randomUUID().toString();
        Map<String, Object> message = Map.of("id", id, "content", "how do I pay my bill", "role", "user");
        try (EventTap tap = new EventTap("chat.inbound")) {
            Api.Response first = new Api("http://localhost:" + GATEWAY_PORTS.get(0))
                    .post("/api/v1/chat/messages", token, message);
            assertThat(first.status()).isEqualTo(200);

            // When the client sends it again through the second and the third (its connection moved)
            List<Api.Response> again = GATEWAY_PORTS.subList(1, 3).stream().map(port -> new Api("http://localhost:"
                    + port).post("/api/v1/chat/messages", token, message)).toList();

            // Then each answers the same reply in the same conversation
            assertThat(again).allSatisfy(response -> {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).containsEntry("id", first.body().get("id"))
                        .containsEntry("conversationId", first.body().get("conversationId"))
                        .containsEntry("content", first.body().get("content"));
            });
            // And the pipeline received it once
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> tap.events(
                    ChatMessageReceived.class, event -> id.equals(event.getMessageId())).size() == 1);
        }
    }

    @Test
    @Order(50)
    void theDevSetIsRoutedAndAnsweredFromTheKnowledgeBase() throws IOException {
        // Given the labelled development set (or, in a checkout without it, the project's own routing test set)
        List<String[]> labelled = labelledMessages();

        // When every message is sent through the gateway, a fresh guest per 40 (guests share their address's
        // bucket of 120 requests a minute, which the set stays below)
        String token = null;
        int inKb = 0;
        int answered = 0;
        int escalations = 0;
        int handoffs = 0;
        int outOfScope = 0;
        int outOfScopeFromKb = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            token = i % 40 == 0 ? api.guestToken() : token;
            String[] row = labelled.get(i);
            Api.Response response = api.post("/api/v1/chat/messages", token, Map.of("content", row[2]));
            assertThat(response.status()).isEqualTo(200);
            Map<String, Object> reply = response.body();
            assertContract(reply);
            ratedConversations.putIfAbsent((String) reply.get("conversationId"), token);
            if ("human_handoff".equals(row[1])) {
                handoffs++;
                escalations += "escalation".equals(reply.get("source")) ? 1 : 0;
                continue;
            }
            if ("unknown".equals(row[1])) {
                outOfScope++;
                outOfScopeFromKb += "knowledge_base".equals(reply.get("source")) ? 1 : 0;
                continue;
            }
            inKb++;
            if (row[1].equals(reply.get("intent")) && "knowledge_base".equals(reply.get("source"))) {
                answered++;
            } else {
                misses.add(row[1] + " -> " + reply.get("intent") + "/" + reply.get("source") + ": " + row[2]);
            }
        }

        // Then the right knowledge-base answer comes back for at least 90% of them, and hand-offs escalate
        double hitAt1 = (double) answered / inKb;
        System.out.printf("labelled set through the stack: hit@1 with source=knowledge_base %.3f (%d/%d), "
                + "escalated hand-offs %d/%d, out-of-scope answered from the KB %d/%d%nmisses:%n  %s%n", hitAt1,
                answered, inKb, escalations, handoffs, outOfScopeFromKb, outOfScope, String.join("\n  ", misses));
        assertThat(hitAt1).as("hit@1 from the knowledge base; misses: %s", misses).isGreaterThanOrEqualTo(0.90);
        assertThat(escalations).isEqualTo(handoffs);
        // off-topic requests and prompt attacks (labelled unknown) should not get an article; an attack worded like
        // a real question can still reach one (an article, never the model), hence a bound rather than zero
        assertThat(outOfScopeFromKb).isLessThanOrEqualTo(outOfScope / 4);
    }

    @Test
    @Order(60)
    void analyticsAndFeedbackMatchWhatTheStoresHold() {
        // Given some of the dev-set conversations rated by their owners
        int rated = 0;
        for (Map.Entry<String, String> conversation : ratedConversations.entrySet()) {
            if (rated == 12) {
                break;
            }
            Api.Response response = api.post("/api/v1/feedback", conversation.getValue(), Map.of(
                    "conversationId", conversation.getKey(), "rating", rated % 5 + 1, "resolved", rated % 2 == 0));
            assertThat(response.status()).as("rating %s", response.body()).isEqualTo(201);
            rated++;
        }

        // Then the overview counts what the conversation store and the feedback store hold, once the events are in
        Tallies.assertAnalyticsCountWhatTheStoresHold(api, 12);
    }

    @Test
    @Order(70)
    void fifteenSecondsOf25RequestsASecondFromOneUserAreLimitedWithoutServerErrors() throws Exception {
        // Given one signed-in user (guests share their address's bucket with every other guest) and the gateway's
        // default limit of 120 requests a minute. 25 a second is twelve times its refill and empties the bucket in
        // five seconds; the 200 a second of README's figure (`java EdgeLoad.java 200 60`) stays on demand: in a slow
        // spell of a clean run on 2026-12-07 its warm-up left 853 of 2000 unanswered for 10 s and its measured run got
        // 61 503s from chat-service's 5 s route timeout, with even the gateway's own 429s at a p50 of 1.9 s; at 50 a
        // second the next run's warm-up still had a 200 after 4.2 s (docs/faults.md)
        int perSecond = 25;
        EdgeLoad load = new EdgeLoad(Api.BASE);
        // and a gateway past its JIT warm-up, warmed by another user so that bob's bucket stays full: a cold gateway
        // beside six cold services on two cores leaves some of its first seconds unanswered while the compilers catch
        // up (measured 2026-12-02), so the warm-up goes on, 5 s at a time for at most 50 s more, until a round has
        // every request answered and every refusal (the gateway's own answer, no service behind it) within a second
        EdgeLoad.Result warmUp = null;
        for (int round = 0; round <= 10 && (warmUp == null || !warmUp.everyAnswerAnd(429, Duration.ofSeconds(1)));
                round++) {
            warmUp = load.run("/api/v1/chat/conversations", api.token("agent"), perSecond,
                    Duration.ofSeconds(round == 0 ? 10 : 5));
            System.out.println("edge load warm-up, round " + round + ": " + warmUp);
            assertThat(warmUp.statuses().keySet()).as("%s", warmUp).allMatch(status -> status < 500);
        }

        // When they send 25 requests a second for 15 s
        EdgeLoad.Result result = load.run("/api/v1/chat/conversations", api.token("bob"), perSecond,
                Duration.ofSeconds(15));
        System.out.println("edge load: " + result);

        // Then the bucket (120, refilled 120 a minute) lets about 150 through, refuses the rest with 429, and
        // nothing fails
        assertThat(result.serverErrors()).as("server errors or no answer in 10 s (-1): %s", result).isZero();
        assertThat(result.count(200) + result.count(429)).as("%s", result).isEqualTo(result.sent());
        assertThat(result.count(200)).as("%s", result).isBetween(140L, 160L);
    }

    @Test
    @Order(75)
    void theLoadBenchmarkRunsAgainstTheStack() throws Exception {
        // Given a few seconds of the benchmark, as a user runs it, at a low rate over REST and WebSocket (CI shows
        // that it works; the figures of docs/benchmarks.md come from full runs). The rate is low for a stack this
        // cold: 10 a second, on a stack started a minute before, cost it 150 ms of CPU a message (98 ms after 2,000
        // messages; about 7 ms at 200 a second) and the gateway shed up to 16 of 60 (docs/faults.md). Its guest
        // customers share this address's bucket of 120 requests a minute, which the health ceiling alone would
        // empty: no ceilings here (the one-hop ceiling has its own test in load-generator)
        Path out = shared.dataDir().resolve("load.json");
        Process benchmark = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", RunningStack.home().resolve("load-generator/target/load-generator.jar").toString(),
                "--rate", "5", "--duration", "8", "--warmup", "2", "--customers", "10", "--channel", "mixed",
                "--no-ceiling", "--drain-seconds", "30",
                "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(shared.dataDir().resolve("load.log").toFile()).start();
        assertThat(benchmark.waitFor(3, TimeUnit.MINUTES)).as("the benchmark ends by itself").isTrue();
        assertThat(benchmark.exitValue()).as(Files.readString(shared.dataDir().resolve("load.log"))).isZero();
        JsonNode report = Api.JSON.readTree(out.toFile());

        // Then every message it sent was answered by the pipeline, over both channels
        JsonNode traffic = report.path("traffic");
        assertThat(traffic.path("sent").asLong()).as("%s", traffic).isGreaterThanOrEqualTo(40);
        assertThat(traffic.path("latencyByChannel").has("rest")).as("%s", traffic).isTrue();
        assertThat(traffic.path("latencyByChannel").has("ws")).as("%s", traffic).isTrue();
        assertThat(traffic.path("noAnswers").asLong()).as("%s", traffic).isZero();
        assertThat(traffic.path("gatewayTimeouts").asLong()).as("%s", traffic).isZero();
        assertThat(traffic.path("httpErrors").size()).as("%s", traffic).isZero();
        assertThat(traffic.path("webSocketErrors").size()).as("%s", traffic).isZero();
        assertThat(traffic.path("failures").size()).as("%s", traffic).isZero();
        // And it read the lag of every consuming service, saw it drain, and measured each process's CPU
        assertThat(report.path("lag").path("maxByGroup").propertyNames()).contains("chat-service",
                "intent-service", "knowledge-service", "llm-fallback-service", "analytics-service",
                "feedback-service");
        assertThat(report.path("lag").path("drainSeconds").isNumber()).isTrue();
        assertThat(report.path("cpu").path("byProcess").propertyNames()).as("%s", report.path("cpu"))
                .contains("gateway-service", "chat-service", "intent-service", "knowledge-service",
                        "analytics-service", "feedback-service", "kafka (local-stack)", "postgres");
    }

    @Test
    @Order(80)
    @SuppressWarnings("unchecked")
    void theGatewayServesOneOpenApiDocumentOfTheWholePublicApi() {
        // the gateway reads the services' documents at the first request, and again when 30 s old
        await().atMost(Duration.ofSeconds(70)).untilAsserted(() -> assertThat(
                ((Map<String, Object>) api.get("/v3/api-docs", null).body().get("info")).get("x-missing-services"))
                .isEqualTo(Map.of()));
        Map<String, Object> document = api.get("/v3/api-docs", null).body();

        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        assertThat(paths).containsKeys("/api/v1/chat/messages", "/api/v1/auth/token", "/api/v1/chat/conversations",
                "/api/v1/profile", "/api/v1/analytics/overview", "/api/v1/feedback", "/api/v1/feedback/summary");
        assertThat(paths.get("/api/v1/analytics/overview").get("x-served-by")).isEqualTo("analytics-service");
        assertThat(paths.get("/api/v1/account/me").get("x-served-by")).isEqualTo("account-service");
        assertThat(paths.keySet()).anyMatch(path -> path.startsWith("/api/v1/knowledge/"));
        assertThat(paths).doesNotContainKey("/api/v1/unavailable/{service}");
        // the identity headers are the gateway's business, never the client's
        assertThat(Api.JSON.writeValueAsString(paths)).doesNotContain("X-User-Id").doesNotContain("X-User-Roles");
    }

    /**
     * Issue 20: account-service runs in the stack behind the gateway, its development reset is on here (an admin's),
     * and analytics-service counts its actions from account.actions by type and outcome.
     */
    @Test
    @Order(82)
    @SuppressWarnings("unchecked")
    void accountServiceAnswersThroughTheGatewayAndAnalyticsCountsItsActions() {
        // When alice reads her account, a customer and then an admin ask for the seed reset
        Api.Response me = api.get("/api/v1/account/me", api.token("alice"));
        Api.Response byCustomer = api.post("/api/v1/account/admin/reset", api.token("alice"), Map.of());
        Api.Response reset = api.post("/api/v1/account/admin/reset", api.token("admin"), Map.of());

        // Then she is her seeded customer, only the admin resets, and the reset is audited
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("customerId")).isEqualTo("C1001");
        assertThat(byCustomer.status()).isEqualTo(403);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body().get("actionId")).isNotNull();

        // And analytics counts the reset among the actions, by type and outcome
        String agent = api.token("agent");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                (List<Map<String, Object>>) api.get("/api/v1/analytics/actions", agent).body().get("actions"))
                .anySatisfy(count -> assertThat(count).containsEntry("action", "reset_seed")
                        .containsEntry("outcome", "applied")));
    }

    @Test
    @Order(95)
    void everyMetricTheDashboardsQueryIsExportedByTheRunningServices() throws Exception {
        // Given the traffic of the tests above (messages, replies, ratings, a load, a breaker that stayed closed)
        // (the gateway's Prometheus is on its management port, as the scraper reads it; its public /metrics is an
        // admin's)
        Set<String> exported = new TreeSet<>();
        List<Integer> scraped = new ArrayList<>(List.of(GATEWAY_MANAGEMENT_PORTS.get(0)));
        scraped.addAll(SERVICE_PORTS.values());
        for (int port : scraped) {
            exported.addAll(DashboardMetrics.scrapedMetricNames(api.text("http://localhost:" + port
                    + "/actuator/prometheus")));
        }
        assertThat(api.get("/metrics", null).status()).isEqualTo(401);
        assertThat(api.get("/metrics", api.token("agent")).status()).isEqualTo(403);
        assertThat(api.get("/metrics", api.token("admin")).status()).isEqualTo(200);

        // When the dashboards' queries are read
        Path home = RunningStack.home();
        Set<String> queried = new TreeSet<>(DashboardMetrics.referencedMetrics(home.resolve(DashboardMetrics.DASHBOARDS)));

        // Then each is a series some service exports, but for those that only exist once their event has happened
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        System.out.println("dashboard metrics not exported by the running stack: " + missing);
        assertThat(missing).isSubsetOf(ONLY_AFTER_THEIR_EVENT);
        assertThat(queried).hasSizeGreaterThan(20);
    }

    /**
     * Issue 21: a knowledge base version published through the admin API reaches every service with no restart —
     * intent-service classifies with its new example phrase, knowledge-service answers from its new article, and the
     * events name the version — a rollback restores the old behaviour, and a version the accuracy gate refuses
     * changes nothing.
     */
    @Test
    @Order(85)
    @SuppressWarnings("unchecked")
    void aNewKnowledgeBaseVersionReachesEveryServiceWithoutARestartAndARollbackUndoesIt() throws Exception {
        String admin = api.token("admin");
        String customer = api.token("bob");
        // words no version knew before, so only the new example phrase and article can match them
        String phrase = "zorblax quimble frandle";
        long before = ((Number) api.list("/api/v1/knowledge/admin/versions", admin).stream()
                .filter(v -> Boolean.TRUE.equals(v.get("active"))).findFirst().orElseThrow().get("id")).longValue();
        Map<String, Object> document = api.get("/api/v1/knowledge/admin/versions/" + before + "/content", admin).body();

        try (EventTap tap = new EventTap("chat.classified", "chat.replies")) {
            // Given the active version, which knows nothing of the phrase
            Turn first = turn(tap, customer, phrase);
            assertThat(first.classified().getIntent()).isNotEqualTo("store_locations_hours");
            assertThat(references(first.reply())).doesNotContain("kb-zorblax");

            // When an admin publishes a version with the phrase and two of its variants as examples of
            // store_locations_hours (an intent scores its three most similar examples), and an article about it
            Map<String, Object> store = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    ((Map<String, Object>) document.get("agents")).get("general")).get("categories"))
                    .get("store_locations_hours");
            ((List<Object>) store.get("examples")).addAll(List.of(phrase, "where is the " + phrase,
                    phrase + " opening hours"));
            ((List<Object>) store.get("articles")).add(Map.of("id", "kb-zorblax", "title", "The zorblax quimble frandle",
                    "text", "The zorblax quimble frandle is in our flagship store, open on Sundays from 9 am to 5 pm."));
            document.put("version", "zorblax");
            Api.Response published = api.post("/api/v1/knowledge/admin/versions?note=zorblax", admin, document);
            assertThat(published.status()).as(published.body().toString()).isEqualTo(201);
            long zorblax = ((Number) published.body().get("versionId")).longValue();

            // Then, with no restart, intent-service classifies the phrase to its intent with the new version,
            // knowledge-service answers it from the new article, and the reply's event names the version
            Turn answered = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> turn(tap, customer, phrase), turn -> turn.classifiedWith(zorblax));
            assertThat(answered.classified().getIntent()).isEqualTo("store_locations_hours");
            assertThat(answered.reply().get("source")).isEqualTo("knowledge_base");
            assertThat(references(answered.reply())).contains("kb-zorblax");
            assertThat(answered.replied().getKnowledgeBaseVersion()).isEqualTo(zorblax);
            assertThat(answered.replied().getClassifierVersion()).isEqualTo(answered.classified().getClassifierVersion());

            // When the admin rolls back to the version before, Then the old behaviour is back
            assertThat(api.post("/api/v1/knowledge/admin/versions/" + before + "/activate", admin, Map.of()).status())
                    .isEqualTo(200);
            Turn rolledBack = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> turn(tap, customer, phrase), turn -> turn.classified().getClassifierVersion()
                            .endsWith("-kb-" + before) && !references(turn.reply()).contains("kb-zorblax"));
            assertThat(rolledBack.classified().getIntent()).isNotEqualTo("store_locations_hours");
        }

        // And a version that pastes autopay's example phrases under wifi_setup is refused by the accuracy gate
        Map<String, Object> misfiled = api.get("/api/v1/knowledge/admin/versions/" + before + "/content", admin).body();
        Map<String, Object> agents = (Map<String, Object>) misfiled.get("agents");
        Object autopay = ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) agents.get("billing"))
                .get("categories")).get("autopay_paperless")).get("examples");
        ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) agents.get("tech_support"))
                .get("categories")).get("wifi_setup")).put("examples", autopay);
        misfiled.put("version", "misfiled");
        Api.Response refused = api.post("/api/v1/knowledge/admin/versions", admin, misfiled);
        assertThat(refused.status()).isEqualTo(422);
        assertThat((String) refused.body().get("detail")).contains("the accuracy gate refused it");
    }

    /** One customer message: the public reply, and the events the pipeline made of it. */
    record Turn(Map<String, Object> reply, IntentClassified classified, ChatReplied replied) {

        /** Classified and answered with that version. */
        boolean classifiedWith(long knowledgeBaseVersion) {
            return classified.getClassifierVersion().endsWith("-kb-" + knowledgeBaseVersion)
                    && replied.getKnowledgeBaseVersion() != null
                    && replied.getKnowledgeBaseVersion() == knowledgeBaseVersion;
        }
    }

    private static Turn turn(EventTap tap, String token, String content) {
        Map<String, Object> reply = api.post("/api/v1/chat/messages", token, Map.of("content", content)).body();
        String id = (String) reply.get("messageId");
        IntentClassified classified = await().atMost(Duration.ofSeconds(30)).until(
                () -> tap.events(IntentClassified.class, e -> e.getMessageId().equals(id)), e -> !e.isEmpty()).get(0);
        ChatReplied replied = await().atMost(Duration.ofSeconds(30)).until(
                () -> tap.events(ChatReplied.class, e -> e.getMessageId().equals(id)), e -> !e.isEmpty()).get(0);
        return new Turn(reply, classified, replied);
    }

    @SuppressWarnings("unchecked")
    private static List<String> references(Map<String, Object> reply) {
        return ((List<Map<String, Object>>) reply.getOrDefault("references", List.of())).stream()
                .map(r -> (String) r.get("id")).toList();
    }

    @Test
    @Order(90)
    void theConversationReadsBackAfterChatServiceAloneRestarts() {
        // When chat-service is stopped and started again while the rest of the stack keeps running
        stack.restartService("chat-service", Map.of());

        // Then alice's conversation reads back in order with every field, and new messages are stored again
        String token = api.token("alice");
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> assertConversationStored(token));
        String guest = api.guestToken();
        Api.Response response = api.post("/api/v1/chat/messages", guest, Map.of("content", "how do I pay my bill"));
        assertThat(response.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api
                .messages((String) response.body().get("conversationId"), guest)).hasSize(2));
    }

    @Test
    @Order(97)
    void aServiceKilledUnderLoadIsRestartedByTheStackAndEveryMessageEndsWithOneStoredRealReply() throws Exception {
        // When each is killed with SIGKILL 3 s into 15 s of 10 messages a second, Then the stack restarts it and
        // nothing is lost or doubled
        for (String service : List.of("knowledge-service", "intent-service")) {
            underLoad(service + " killed", Faults.kill(stack, service));
        }
    }

    @Test
    @Order(98)
    void theBrokerAndPostgresStoppedForTenSecondsUnderLoadLoseAndDoubleNothing() throws Exception {
        // When the launcher stops each 3 s into 15 s of 10 messages a second, and starts it again 10 s later
        for (String part : List.of("kafka", "postgres")) {
            underLoad(part + " stopped for 10 s", Faults.stopFor(stack, part, Duration.ofSeconds(10)));
        }
    }

    @Test
    @Order(99)
    void afterTheFaultsAnalyticsStillCountsWhatTheStoresHold() {
        // Given services killed, the broker and PostgreSQL stopped under load (orders 97 and 98): records redelivered,
        // messages sent again after a 503, turns answered again by a restarted stage
        // Then analytics counts every message, reply and rating once, as the stores do
        Tallies.assertAnalyticsCountWhatTheStoresHold(api, 12);
    }

    /** One fault under the short load of the CI version: ten customers a second, each sending one message. */
    private static void underLoad(String fault, Runnable inject) throws Exception {
        Faults.underLoad(stack, api, fault, inject, 10, Duration.ofSeconds(15)).assertNothingLostOrDoubled();
    }

    @SuppressWarnings("unchecked")
    private static void assertConversationStored(String token) {
        Api.Response conversation = api.get("/api/v1/chat/conversations/" + aliceConversation, token);
        assertThat(conversation.status()).isEqualTo(200);
        List<Map<String, Object>> messages = (List<Map<String, Object>>) conversation.body().get("messages");
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "user", "assistant");
        assertThat(messages.get(0).get("content")).isEqualTo("my internet is super slow tonight");
        assertThat(messages.get(1)).containsKeys("agent", "intent", "source", "confidence", "references",
                "timestamp", "latencyMs", "inReplyTo");
        assertThat(messages.get(1).get("inReplyTo")).isEqualTo(messages.get(0).get("id"));
        Api.Response list = api.get("/api/v1/chat/conversations", token);
        assertThat((List<Map<String, Object>>) list.body().get("content")).extracting(c -> c.get("id"))
                .contains(aliceConversation);
    }

    private static List<String[]> labelledMessages() throws IOException {
        Path home = RunningStack.home();
        Path devSet = home.resolve("../shared/data/dev_routing.tsv");
        Path file = Files.exists(devSet) ? devSet : home.resolve("intent-service/src/test/resources/eval/routing_test.tsv");
        System.out.println("labelled messages from " + file);
        return Files.readAllLines(file).stream().skip(1).filter(line -> !line.isBlank())
                .map(line -> line.split("\t", 3)).toList();
    }

    private static String send(Api.ChatSocket socket, String content) {
        String id = UUID.randomUUID().toString();
        socket.send(Map.of("id", id, "content", content, "role", "user"));
        return id;
    }

    private static void assertContract(Map<String, Object> reply) {
        assertThat(reply).containsKeys("id", "conversationId", "content", "role", "agent", "intent", "source",
                "confidence", "references", "timestamp", "latencyMs");
        assertThat(reply.get("role")).isEqualTo("assistant");
        assertThat((String) reply.get("content")).isNotBlank();
        assertThat(AGENTS).contains((String) reply.get("agent"));
        assertThat(SOURCES).contains((String) reply.get("source"));
        assertThat(reply.get("intent")).isInstanceOf(String.class);
        assertThat(reply.get("confidence")).isInstanceOf(Number.class);
        assertThat(reply.get("references")).isInstanceOf(List.class);
        assertThat(reply.get("latencyMs")).isInstanceOf(Number.class);
    }
}
