import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway adds to a request: the same authenticated GET, sent straight to registration-service and through
 * the gateway, interleaved in one run at a fixed rate each (open loop: latency is measured from the moment a request
 * was due, so a stall is not hidden by sending less). Run by bench/gateway-overhead.sh against a running platform.
 *
 * Usage: BENCH_TOKEN=… java GatewayOverhead.java DIRECT_URL GATEWAY_URL [rate-per-second] [warmup-s] [measure-s]
 * (the token comes from the environment so that it does not show in the process list)
 */
public class GatewayOverhead {

    record Sample(boolean gateway, long micros, int status) {
    }

    public static void main(String[] args) throws Exception {
        String direct = args[0];
        String gateway = args[1];
        String token = System.getenv("BENCH_TOKEN");
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int measure = args.length > 4 ? Integer.parseInt(args[4]) : 30;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                })).connectTimeout(Duration.ofSeconds(2)).build();
        System.out.printf("warming up %d s at %d/s each…%n", warmup, rate);
        run(http, direct, gateway, token, rate, warmup);
        System.out.printf("measuring %d s at %d/s each…%n", measure, rate);
        List<Sample> samples = run(http, direct, gateway, token, rate, measure);

        Stats d = Stats.of(samples, false);
        Stats g = Stats.of(samples, true);
        System.out.printf("%-10s %8s %8s %8s %8s %8s %6s%n", "target", "n", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "non-2xx");
        d.print("direct");
        g.print("gateway");
        System.out.printf("overhead   p50 %+.2f ms, p99 %+.2f ms%n", (g.p50 - d.p50) / 1000.0, (g.p99 - d.p99) / 1000.0);
    }

    static List<Sample> run(HttpClient http, String direct, String gateway, String token, int rate, int seconds)
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
                long due = start + tick.getAndIncrement() * periodNanos;
                inFlight.add(send(http, direct, token, false, due, samples));
                inFlight.add(send(http, gateway, token, true, due, samples));
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        while (tick.get() < total) {
            Thread.sleep(100);
        }
        ticker.shutdownNow();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return new ArrayList<>(samples);
    }

    static CompletableFuture<?> send(HttpClient http, String url, String token, boolean viaGateway, long due,
            ConcurrentLinkedQueue<Sample> samples) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    long micros = (System.nanoTime() - due) / 1000;
                    samples.add(new Sample(viaGateway, micros, error == null ? response.statusCode() : -1));
                    return null;
                });
    }

    record Stats(int n, long p50, long p90, long p99, long max, long failed) {

        static Stats of(List<Sample> samples, boolean gateway) {
            List<Long> micros = new ArrayList<>();
            long failed = 0;
            for (Sample s : samples) {
                if (s.gateway() == gateway) {
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
            System.out.printf("%-10s %8d %8.2f %8.2f %8.2f %8.2f %6d%n", name, n, p50 / 1000.0, p90 / 1000.0,
                    p99 / 1000.0, max / 1000.0, failed);
        }
    }
}
