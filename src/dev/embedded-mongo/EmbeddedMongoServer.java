import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * Starts mongo-java-server (oplog on, so change streams work) on the given host and port;
 * in memory, or in an H2 file when a third argument names one (data survives a restart).
 * The stock main of the library binds 27017 only.
 *
 * Prints "READY <port>" once listening. Stops when its standard input closes, so it never
 * outlives the Node process that spawned it (even after a SIGKILL of that process), or on
 * SIGTERM.
 */
public final class EmbeddedMongoServer {
    private EmbeddedMongoServer() {}

    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;

        MongoBackend backend = args.length > 2 ? new H2Backend(args[2]) : new MemoryBackend();
        MongoServer server = new MongoServer(backend);
        server.enableOplog();
        server.bind(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));

        InetSocketAddress address = server.getLocalAddress();
        System.out.println("READY " + address.getPort());
        System.out.flush();

        InputStream parent = System.in;
        while (parent.read() != -1) {
            // Input is ignored; end of stream means the parent is gone.
        }
        System.exit(0);
    }
}
