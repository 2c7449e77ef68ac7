import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of authenticated GETs side by side in one run, open loop: every tick sends one request per group at a
 * fixed rate, and latency is measured from the moment a request was due, so a stall shows up as latency rather than
 * as fewer requests. A target is {@code label=url}; labels {@code group:name} share a group and take turns in it
 * (e.g. one baseline against a rotation of six searches). Prints percentiles per target and per group, and each
 * group against the first (the baseline). Run by the scripts beside it against a running platform.
 *
 * Usage: BENCH_TOKEN=… java LatencyProbe.java RATE-PER-GROUP WARMUP-S MEASURE-S label=url [label=url …]
 * (the token comes from the environment so that it does not show in the process list)
 */
public class LatencyProbe {

    record Target(String group, String label, String url) {
    }

    record Sample(Target target, long micros, int status) {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int measure = Integer.parseInt(args[2]);
        Map<String, List<Target>> groups = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String label = args[i].substring(0, args[i].indexOf('='));
            String group = label.contains(":") ? label.substring(0, label.indexOf(':')) : label;
            groups.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(new Target(group, label, args[i].substring(label.length() + 1)));
        }
        String token = System.getenv("BENCH_TOKEN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                })).connectTimeout(Duration.ofSeconds(2)).build();
        System.out.printf("warming up %d s at %d/s per group…%n", warmup, rate);
        run(http, groups, token, rate, warmup);
        System.out.printf("measuring %d s at %d/s per group…%n", measure, rate);
        List<Sample> samples = run(http, groups, token, rate, measure);

        System.out.printf("%-24s %7s %8s %8s %8s %8s %6s%n", "target", "n", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "non-2xx");
        Stats first = null;
        for (var group : groups.entrySet()) {
            if (group.getValue().size() > 1) {
                for (Target t : group.getValue()) {
                    Stats.of(samples, s -> s.target() == t).print(t.label());
                }
            }
            Stats all = Stats.of(samples, s -> s.target().group().equals(group.getKey()));
            all.print(group.getKey() + (group.getValue().size() > 1 ? " (all)" : ""));
            if (first == null) {
                first = all;
            } else {
                System.out.printf("%-24s p50 %+.2f ms, p99 %+.2f ms against %s%n", group.getKey(),
                        (all.p50 - first.p50) / 1000.0, (all.p99 - first.p99) / 1000.0,
                        groups.keySet().iterator().next());
            }
        }
    }

    static List<Sample> run(HttpClient http, Map<String, List<Target>> groups, String token, int rate, int seconds)
            throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        AtomicInteger tick = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // Catch up on every request that fell due, each timed from when it was due.
            while (tick.get() < total && start + tick.get() * periodNanos <= now) {
                int n = tick.getAndIncrement();
                long due = start + n * periodNanos;
                for (List<Target> group : groups.values()) {
                    inFlight.add(send(http, group.get(n % group.size()), token, due, samples));
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        while (tick.get() < total) {
            Thread.sleep(100);
        }
        ticker.shutdownNow();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return new ArrayList<>(samples);
    }

    static CompletableFuture<?> send(HttpClient http, Target target, String token, long due,
            ConcurrentLinkedQueue<Sample> samples) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url())).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    long micros = (System.nanoTime() - due) / 1000;
                    samples.add(new Sample(target, micros, error == null ? response.statusCode() : -1));
                    return null;
                });
    }

    record Stats(int n, long p50, long p90, long p99, long max, long failed) {

        static Stats of(List<Sample> samples, java.util.function.Predicate<Sample> which) {
            List<Long> micros = new ArrayList<>();
            long failed = 0;
            for (Sample s : samples) {
                if (which.test(s)) {
                    micros.add(s.micros());
                    failed += s.status() / 100 == 2 ? 0 : 1;
                }
            }
            Collections.sort(micros);
            return new Stats(micros.size(), at(micros, 0.50), at(micros, 0.90), at(micros, 0.99),
                    micros.get(micros.size() - 1), failed);
        }

        static long at(List<Long> sorted, double quantile) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
        }

        void print(String name) {
            System.out.printf("%-24s %7d %8.2f %8.2f %8.2f %8.2f %6d%n", name, n, p50 / 1000.0, p90 / 1000.0,
                    p99 / 1000.0, max / 1000.0, failed);
        }
    }
}
