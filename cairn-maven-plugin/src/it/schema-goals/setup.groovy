evaluate(new File(basedir, '../../../src/it/db.groovy'))
createDatabase('cairn_mvn_it_schema')
true
