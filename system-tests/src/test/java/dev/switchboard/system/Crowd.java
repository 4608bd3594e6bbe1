package dev.switchboard.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Many signed-in customers, each on one gateway for the whole run, every other one on the WebSocket and the rest over
 * REST, sending their messages spread evenly over a period (open loop): for checking that every reply reaches the
 * customer who asked, through the gateway they asked on, and no one else. When a gateway says it is busy (503), a
 * customer sends the message again after the wait it names, as the chat page does.
 */
final class Crowd {

    /** One customer: the gateway they use, and what they sent and got. */
    static final class Customer {

        final String name;
        final int gateway;
        final Api api;
        final String token;
        final Api.ChatSocket socket;
        final Set<String> sent = ConcurrentHashMap.newKeySet();
        /** REST answers by message id; the WebSocket's are in its frames. */
        final Map<String, Api.Response> answers = new ConcurrentHashMap<>();

        Customer(String name, int gateway, Api api, String token, boolean webSocket) {
            this.name = name;
            this.gateway = gateway;
            this.api = api;
            this.token = token;
            this.socket = webSocket ? api.connect(token) : null;
        }

        /** Every reply this customer received: the REST answers' bodies, or the WebSocket's reply frames. */
        List<Map<String, Object>> replies() {
            return socket != null ? socket.replies()
                    : answers.values().stream().map(Api.Response::body).toList();
        }

        boolean answeredAll() {
            return socket != null ? socket.replies().size() >= sent.size() : answers.size() == sent.size();
        }
    }

    private final List<Customer> customers;

    private Crowd(List<Customer> customers) {
        this.customers = customers;
    }

    /**
     * @param gateways one Api per gateway; customer {@code i} uses gateway {@code i % gateways.size()}
     * @param tokens a token for each customer's name
     */
    static Crowd of(int size, List<Api> gateways, Function<String, String> tokens) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = "crowd-" + UUID.randomUUID();
            int gateway = i % gateways.size();
            customers.add(new Customer(name, gateway, gateways.get(gateway), tokens.apply(name), i % 2 == 0));
        }
        return new Crowd(customers);
    }

    List<Customer> customers() {
        return customers;
    }

    /**
     * Every customer sends {@code each} messages, all of them spread evenly over {@code period}, sent on schedule
     * whatever the answers; returns once every message has its answer (or {@code patience} has passed).
     */
    void talk(int each, Duration period, List<String> contents, Duration patience) {
        int total = customers.size() * each;
        long gapMicros = period.toNanos() / 1000 / total;
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            for (int n = 0; n < total; n++) {
                Customer customer = customers.get(n % customers.size());
                String content = contents.get(n % contents.size());
                schedule.schedule(() -> {
                    String id = UUID.randomUUID().toString();
                    customer.sent.add(id);
                    if (customer.socket != null) {
                        customer.socket.send(Map.of("id", id, "content", content, "role", "user"));
                    } else {
                        callers.execute(() -> customer.answers.put(id,
                                SteadyLoad.post(customer.api, customer.token, id, content).response()));
                    }
                }, n * gapMicros, TimeUnit.MICROSECONDS);
            }
            schedule.shutdown();
            await().atMost(period.plus(patience)).pollInterval(Duration.ofMillis(500))
                    .until(() -> schedule.isTerminated() && customers.stream().allMatch(Customer::answeredAll));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not every message answered within " + period.plus(patience) + ": "
                    + unanswered(), e);
        } finally {
            schedule.shutdownNow();
            callers.shutdown();
        }
    }

    /** Which customers still wait, by gateway and transport, and how often the gateways said they were busy. */
    private String unanswered() {
        Map<String, Long> waiting = customers.stream().filter(customer -> !customer.answeredAll())
                .collect(Collectors.groupingBy(customer -> "gateway " + customer.gateway
                        + (customer.socket != null ? " WebSocket" : " REST"), TreeMap::new, Collectors.counting()));
        long busy = customers.stream().filter(customer -> customer.socket != null)
                .mapToLong(customer -> customer.socket.busyFrames()).sum();
        return "customers waiting " + waiting + "; busy frames on the WebSockets " + busy;
    }

    void close() {
        customers.stream().filter(c -> c.socket != null).forEach(c -> c.socket.close());
    }
}
