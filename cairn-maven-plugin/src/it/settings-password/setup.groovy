evaluate(new File(basedir, '../../../src/it/db.groovy'))
createDatabase('cairn_mvn_it_settings_password')
true
