package io.peergraph.api.cli;

import io.peergraph.ingest.ImportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./peergraph}: one launcher for the service and its tools. */
@Command(name = "peergraph", mixinStandardHelpOptions = true, versionProvider = PeergraphCommand.Version.class,
        description = "Peergraph: a graph-backed community knowledge service.",
        subcommands = {RunCommand.class, TokenCommand.class, ServiceCall.Reindex.class, ServiceCall.Verify.class,
                ExportTaxonomyCommand.class,
                CommandLine.HelpCommand.class})
public class PeergraphCommand {

    public static void main(String[] args) {
        OfflineStore store = new OfflineStore();
        CommandLine cli = new CommandLine(new PeergraphCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.addSubcommand(new CommandLine(new ImportCommand(store::graph, () -> ServiceCall.localAdminToken(store.dataDir))).addMixin("store", store));
        int exit;
        try {
            exit = cli.execute(args);
        } finally {
            store.close();
        }
        if (exit != 0 || !RunCommand.keepsRunning(args)) {
            System.exit(exit);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PeergraphCommand.class.getPackage().getImplementationVersion();
            return new String[] {"peergraph " + (v == null ? "dev" : v)};
        }
    }
}
