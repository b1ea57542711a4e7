"""Stop words: the Snowball lists PostgreSQL's ``spanish`` and ``english`` text
search configurations use (``tsearch_data/*.stop``), folded to lower-case ASCII, so
a query drops the same words on SQLite as on PostgreSQL."""

SPANISH = frozenset(
    """
    a al algo algunas algunos ante antes como con contra cual cuando de del desde donde
    durante e el ella ellas ellos en entre era erais eramos eran eras eres es esa esas
    ese eso esos esta estaba estabais estabamos estaban estabas estad estada estadas
    estado estados estais estamos estan estando estar estara estaran estaras estare
    estareis estaremos estaria estariais estariamos estarian estarias estas este esteis
    estemos esten estes esto estos estoy estuve estuviera estuvierais estuvieramos
    estuvieran estuvieras estuvieron estuviese estuvieseis estuviesemos estuviesen
    estuvieses estuvimos estuviste estuvisteis estuvo fue fuera fuerais fueramos fueran
    fueras fueron fuese fueseis fuesemos fuesen fueses fui fuimos fuiste fuisteis ha
    habeis habia habiais habiamos habian habias habida habidas habido habidos habiendo
    habra habran habras habre habreis habremos habria habriais habriamos habrian habrias
    han has hasta hay haya hayais hayamos hayan hayas he hemos hube hubiera hubierais
    hubieramos hubieran hubieras hubieron hubiese hubieseis hubiesemos hubiesen hubieses
    hubimos hubiste hubisteis hubo la las le les lo los mas me mi mia mias mio mios mis
    mucho muchos muy nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros
    o os otra otras otro otros para pero poco por porque que quien quienes se sea seais
    seamos sean seas sentid sentida sentidas sentido sentidos sera seran seras sere
    sereis seremos seria seriais seriamos serian serias si siente sin sintiendo sobre
    sois somos son soy su sus suya suyas suyo suyos tambien tanto te tendra tendran
    tendras tendre tendreis tendremos tendria tendriais tendriamos tendrian tendrias
    tened teneis tenemos tenga tengais tengamos tengan tengas tengo tenia teniais
    teniamos tenian tenias tenida tenidas tenido tenidos teniendo ti tiene tienen tienes
    todo todos tu tus tuve tuviera tuvierais tuvieramos tuvieran tuvieras tuvieron
    tuviese tuvieseis tuviesemos tuviesen tuvieses tuvimos tuviste tuvisteis tuvo tuya
    tuyas tuyo tuyos un una uno unos vosostras vosostros vuestra vuestras vuestro
    vuestros y ya yo
    """.split()  # noqa: SIM905 - one word per word, as PostgreSQL's lists
)

ENGLISH = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing don down during each few for
    from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own s same she should so some such t than
    that the their theirs them themselves then there these they this those through to
    too under until up very was we were what when where which while who whom why will
    with you your yours yourself yourselves
    """.split()  # noqa: SIM905 - one word per word, as PostgreSQL's lists
)

STOP_WORDS = SPANISH | ENGLISH
