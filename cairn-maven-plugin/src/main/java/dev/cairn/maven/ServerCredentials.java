package dev.cairn.maven;

import dev.cairn.error.CairnException;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The {@code <server>} of settings.xml that {@code <serverId>} names, its password decrypted the way
 * Maven decrypts the passwords of its own repositories: a password written as {@code {...}} (from
 * {@code mvn --encrypt-password}) is decrypted with the master password of
 * {@code ~/.m2/settings-security.xml} (or {@code -Dsettings.security=FILE}); a plain one is used as is.
 * https://maven.apache.org/guides/mini/guide-encryption.html
 */
final class ServerCredentials {

    private ServerCredentials() {
    }

    /**
     * The server with its password decrypted.
     *
     * @throws CairnException a usage error when there is no such server or its password cannot be decrypted
     */
    static Server of(Settings settings, String serverId, SettingsDecrypter decrypter) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw CairnException.usage("config.server", "no <server> with id '" + serverId
                    + "' in settings.xml; add one with <username> and <password>, or drop <serverId>");
        }
        if (decrypter == null) {
            return server;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        String errors = result.getProblems().stream()
                .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                .map(SettingsProblem::getMessage).collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            throw CairnException.usage("config.server-password", "cannot decrypt the password of <server> '" + serverId
                    + "' in settings.xml: " + errors + ". An encrypted password ({...}, from mvn --encrypt-password)"
                    + " needs the master password it was encrypted with in ~/.m2/settings-security.xml (or the file"
                    + " -Dsettings.security names); nothing was run");
        }
        return result.getServers().isEmpty() ? server : result.getServer();
    }
}
