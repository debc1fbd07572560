evaluate(new File(basedir, '../../../src/it/db.groovy'))
try {
    def log = buildLog()
    check(log.contains('applied 1 migration'), 'migrate with the decrypted password did not apply 001:\n' + log)
    check(log.contains("cannot decrypt the password of <server> 'cairn-it-db' in settings.xml"),
            'the build with the wrong master password did not fail on decryption:\n' + log)
    check(log.contains('settings-security.xml'), 'the message does not say where the master password lives:\n' + log)
    check(!log.contains('cairn-it-secret'), 'the decrypted password is in the build log')
    check(!log.contains('CJzWU4ch1WMHOs7TTW1UDEa911iTblViWZPMh1FBZdA'), 'the encrypted password is in the build log')
    noStackTrace(log)
    def history = query('cairn_mvn_it_settings_password', "SELECT version FROM cairn_history WHERE status = 'SUCCESS'")
    check(history == [['001']], 'the history is not 001: ' + history)
} finally {
    dropDatabase('cairn_mvn_it_settings_password')
}
true
