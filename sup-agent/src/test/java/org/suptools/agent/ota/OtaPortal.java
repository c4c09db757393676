package org.suptools.agent.ota;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.suptools.portal.files.Fault;
import org.suptools.portal.files.FileEndpoint;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.http.OtaHandler;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.Ota;
import org.suptools.portal.store.OtaDevice;
import org.suptools.portal.store.Things;

/** The portal emulator's plain HTTP backend ({@code /ota/}), served in-process on a free port, with its faults. */
final class OtaPortal implements AutoCloseable {

    final DataDir data;
    final Ota ota;
    private final HttpServer server;
    final URI base;

    OtaPortal(Path dir, Set<Fault> faults) throws Exception {
        data = new DataDir(dir);
        Clock clock = Clock.systemUTC();
        new Things(data, clock).put("gw-1", "token-1", "app-1");
        ota = new Ota(data, clock);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(OtaHandler.PATH, new OtaHandler(data, clock,
                new FileEndpoint(new FileIds(clock, FileIds.DEFAULT_LIFETIME), faults, 1)));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code sup-portal file upload} then {@code ota offer}. */
    void offer(Path sup) {
        FileStore.developerFiles(data, Clock.systemUTC()).upload(sup);
        ota.offer(sup.getFileName().toString());
    }

    List<String> notifications() {
        return ota.device("gw-1").map(OtaDevice::notifications).orElse(List.of()).stream()
                .map(OtaDevice.Notification::result).toList();
    }

    OtaDevice.Check lastCheck() {
        return ota.device("gw-1").flatMap(OtaDevice::lastCheck).orElseThrow();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
