/** El texto en español de las páginas: las mismas claves y los mismos `{campos}` que en.ts. */
import type { PageStrings } from './en.ts';

export const es: PageStrings = {
  page: {
    scopeLegend: 'De qué tratan sus comunicaciones',
    scopeHelp:
      'Una persona puede rechazar solo algunos tipos de comunicaciones. Elija por qué canal contacta y de qué sector; si tiene dudas, deje «cualquiera»: la página excluye entonces a todas las personas que hayan rechazado alguno de ellos.',
    scopeChannel: 'Comunicaciones por',
    scopeSector: 'del sector',
    scopeAny: 'cualquiera (la opción más segura)',
    scopeChannelCall: 'llamadas telefónicas',
    scopeChannelSms: 'SMS y MMS',
    scopeChannelEmail: 'correo electrónico',
    scopeChannelPost: 'correo postal',
    scopeSectorEnergy: 'energía y suministros',
    scopeSectorTelecoms: 'telecomunicaciones',
    scopeSectorFinance: 'banca y finanzas',
    scopeSectorInsurance: 'seguros',
    scopeSectorRetail: 'comercio y consumo',
    scopeSectorTravel: 'viajes y ocio',
    scopeSectorAutomotive: 'automoción',
    scopeSectorMedia: 'medios y publicaciones',
    scopeSectorEducation: 'formación',
    scopeSectorHealth: 'salud y bienestar',
    scopeSectorCharity: 'ONG y entidades benéficas',
    partitionsHeld:
      'Su clave de acceso cubre {count} {count|parte|partes} de esta lista ({list}); {count|solo se ha descargado esa parte|solo se han descargado esas partes}. Los números de las demás partes van a las filas rechazadas, nunca a la lista depurada.',
    title: 'Depurar una lista de llamadas — quietlist',
    heading: 'Depurar una lista de llamadas con la lista de exclusión publicitaria',
    intro:
      'Elija su lista de llamadas. La página elimina los números de las personas inscritas para no recibir llamadas comerciales y le devuelve el archivo listo para usar, en el mismo formato. Su archivo nunca sale de este ordenador.',
    language: 'Idioma',
    statusLink: 'Acerca de este servicio',
    noscript: 'Esta página necesita JavaScript: su archivo se comprueba aquí, en este navegador.',
    listLoading: 'Obteniendo la lista de exclusión…',
    listProgress: 'Obteniendo la lista de exclusión: {percent}',
    listReady:
      'Lista de exclusión del {date} cargada: {entries} {entries|número inscrito|números inscritos}.',
    listFailed: 'No se ha podido cargar la lista de exclusión.',
    transferFresh:
      '{size} descargados. La lista se guarda en este navegador: la próxima vez solo se descargarán los cambios.',
    transferUpdated: 'Actualizada con los últimos cambios: {size} descargados.',
    transferSame: 'La lista guardada en este navegador está al día.',
    transferNotKept:
      '{size} descargados. Este navegador no puede guardar la lista, así que se volverá a descargar la próxima vez.',
    stepFile: '1. Su lista de llamadas',
    fileLabel: 'Elija el archivo (CSV o Excel)',
    fileReading: 'Leyendo el archivo…',
    fileRead: '{kind}: {rows} {rows|fila|filas}, {columns} {columns|columna|columnas}.',
    kindCsv: 'Archivo CSV',
    kindXlsx: 'Archivo de Excel',
    kindOds: 'Hoja de cálculo OpenDocument',
    stepColumns: '2. Las columnas con números de teléfono',
    columnsHelp:
      'Marque todas las columnas que contengan números de teléfono. Una fila solo se conserva si ninguno de sus números está en la lista de exclusión.',
    columnUnnamed: 'Columna {n}',
    columnsFound: 'Números de teléfono encontrados en: {names}.',
    stepKey: '3. Su clave de acceso',
    apiKeyLabel: 'Clave de acceso',
    apiKeyHelp:
      'La facilita el gestor con su suscripción (empieza por ql_). Solo se envía a este servidor, para contabilizar los números comprobados.',
    modeLegend: 'El archivo principal contiene',
    modeDrop: 'solo las filas a las que puede llamar',
    modeFlag: 'todas las filas, marcadas en una columna quietlist_status (listed, not_listed o invalid)',
    scrubButton: 'Depurar la lista',
    progressCount: 'Contando los números: fila {done} de {total} ({percent})',
    progressEvaluate: 'Comprobando los números con el servidor: {done} de {total} ({percent})',
    progressScrub: 'Clasificando las filas: {done} de {total} ({percent})',
    planNeeded:
      'Este archivo contiene {needed} {needed|número aún no comprobado|números aún no comprobados} y su suscripción solo permite {remaining} más hoy.',
    planToday:
      'Hoy la página puede comprobar {rowsToday} de las {rows} filas. {rest|La fila restante podrá comprobarse|Las otras {rest} filas podrán comprobarse} a partir del {resume}.',
    planMoreDays: 'Con su cupo diario, el resto llevará {days} {days|día|días} más a partir de entonces.',
    planNothing:
      'Su suscripción no permite más comprobaciones hoy: las filas podrán comprobarse a partir del {resume}.',
    planContinue: 'Comprobar {rowsToday} {rowsToday|fila|filas} hoy',
    planCancel: 'Ahora no',
    done: 'Terminado: {rows} {rows|fila comprobada|filas comprobadas}: {clean} para llamar, {listed} en la lista de exclusión, {invalid} {invalid|rechazada|rechazadas}.',
    stopped:
      'Sin terminar: {checked} de {total} filas comprobadas. {unchecked|Una fila aún no se ha podido comprobar|{unchecked} filas aún no se han podido comprobar}.',
    stoppedQuota: 'El cupo de su suscripción para hoy se ha agotado.',
    resumeAt: 'Vuelva a elegir el mismo archivo a partir del {time} para terminar la comprobación.',
    resumeLater: 'Vuelva a elegir el mismo archivo más tarde para terminar la comprobación.',
    keptNote: 'Los números ya comprobados se guardan en este navegador y no se vuelven a descontar.',
    notKeptNote: 'Este navegador no puede guardar los números ya comprobados: se volverán a descontar.',
    failed: 'No se ha podido depurar la lista.',
    noFile: 'Elija primero un archivo.',
    noColumn: 'Marque al menos una columna con números de teléfono.',
    needKey: 'Introduzca su clave de acceso: esta lista se comprueba con ayuda del servidor.',
    downloadsHeading: 'Sus archivos',
    downloadClean: 'Lista depurada: las filas a las que puede llamar',
    downloadCleanPartial: 'Filas comprobadas hoy a las que puede llamar',
    downloadFlagged: 'Todas las filas, marcadas en su columna quietlist_status',
    downloadListed: 'Filas en la lista de exclusión: no las llame',
    downloadRejects: 'Filas rechazadas, cada una con el motivo',
    downloadUnchecked: 'Filas aún sin comprobar: no las llame antes de comprobarlas',
    downloadReceipt: 'Justificante: consérvelo como prueba de la comprobación',
    receiptStamped: 'El justificante está refrendado por el gestor.',
    liveAdditions:
      'También se {entries|ha comprobado|han comprobado} {entries} {entries|número dado de alta|números dados de alta} en esta lista desde su última generación (altas firmadas hasta el n.º {through}).',
    receiptLater: 'El justificante se entrega con el archivo terminado.',
    reasonsHeading: 'Por qué se rechazaron filas',
    reasonLine: '{count} × {reason}',
    privacyHeading: 'Qué sale de su ordenador',
    privacyOpen:
      'Nada de su archivo. La página descarga la lista de exclusión firmada y comprueba su archivo aquí, en este navegador.',
    privacyOprf:
      'Nada legible de su archivo. Por cada número, la página envía al servidor un código cifrado del que el servidor no puede deducir el número; el servidor responde con un código que solo este navegador sabe leer, y el número se busca aquí. El servidor solo cuenta los números para descontarlos de su suscripción.',
    privacySecret:
      'Esta lista solo puede comprobarse enviando los propios números al servidor, algo que esta página nunca hace. Pida al gestor la herramienta de línea de comandos.',
    verifyHeading: 'Comprobar que esta lista procede del gestor',
    keyHelp:
      'La página comprueba la firma de la lista con la clave del gestor que figura abajo. La primera vez, compare la huella de la clave carácter por carácter con la que le facilitó el gestor (en su contrato, por carta o por teléfono). Si no coinciden, esta página no es la del gestor: ciérrela.',
    fingerprintLabel: 'Huella de la clave',
    publicKeyLabel: 'Clave completa',
    copyFingerprint: 'Copiar la huella',
    copyPublicKey: 'Copiar la clave',
    copied: 'Copiado',
    excelSafeLabel: 'Archivos para abrir en Excel: protegerlos de las fórmulas en las celdas',
    excelSafeHelp:
      "Excel, LibreOffice y Hojas de cálculo de Google ejecutan como fórmula una celda que empieza por = + - o @ (o por un tabulador); con la casilla marcada, esa celda recibe una ' delante en un archivo CSV, y las fórmulas de un libro se escriben como sus valores. Los números y los teléfonos (+34 612 34 56 78) nunca se modifican. Desmárquela para archivos destinados a un marcador automático o a un CRM, que reciben entonces cada fila byte a byte.",
    formulasNeutralised:
      "{cells} {cells|celda que una hoja de cálculo habría ejecutado como fórmula se ha escrito|celdas que una hoja de cálculo habría ejecutado como fórmulas se han escrito} como texto (con una ' delante) o como {cells|su valor|sus valores}.",
    formulasKept:
      '{cells} {cells|celda empieza|celdas empiezan} por = + - o @ y {cells|se ha escrito|se han escrito} tal cual: una hoja de cálculo {cells|la ejecutaría como fórmula|las ejecutaría como fórmulas}.',
    listIdentifier: 'Identificador de la lista: {epoch}',
  },
  status: {
    scopesLine:
      'Una inscripción puede limitarse a algunos canales ({channels}) o sectores ({sectors}): cada empresa comprueba los números para el tipo de comunicaciones que realiza.',
    partitionsLine:
      'La lista se vende en {count} {count|parte|partes}: cada empresa descarga, y comprueba, solo las partes de su suscripción.',
    title: 'quietlist — lista de exclusión publicitaria',
    heading: 'La lista de exclusión publicitaria, consultada sin compartir sus archivos',
    intro:
      'Esta lista contiene los números de teléfono de las personas que se han inscrito para no recibir llamadas comerciales. Las empresas no deben llamarlas, así que comprueban sus listas de llamadas con esta lista antes de llamar.',
    cta: 'Depurar una lista de llamadas',
    ctaHelp: 'En su navegador: su archivo se queda en su ordenador y no se envía a nadie.',
    listOf: 'La lista del {date} contiene {entries} {entries|número inscrito|números inscritos}.',
    registerRules: '{register}: {validity} {window}',
    validityNever: 'las inscripciones no caducan nunca;',
    validityYears: 'una inscripción dura {years} {years|año|años};',
    windowDays: 'llame solo a partir de una lista con {days} {days|día|días} de antigüedad como máximo.',
    windowNone: 'use una lista con un mes de antigüedad como máximo.',
    unavailable: 'La lista no está disponible en este momento. {problem}',
    rollback:
      'El servidor ha rechazado una lista más antigua que se le ofreció y sigue sirviendo la de arriba (desde el {time}).',
    refusedPointer:
      'El servidor ha rechazado la última lista que recibió (caducada, o cuya firma no se pudo verificar) y sigue sirviendo la de arriba (desde el {time}).',
    privacyHeading: 'Qué protege esta lista',
    privacyOprf:
      'Cada comprobación necesita la ayuda del servidor y se descuenta de la suscripción de la empresa; el servidor nunca ve los números comprobados, y la lista en sí permanece siempre en manos del gestor.',
    privacySecret:
      'Las comprobaciones pasan por este servidor, que ve los números comprobados (no los registra); la lista en sí permanece siempre en manos del gestor.',
    privacyOpen:
      'Cualquiera que tenga los archivos de esta lista puede comprobar cualquier número sin conexión, y reconstruir la lista probando todos los números: todos los móviles en {mobiles} con un solo ordenador, todos los números en {all}. Este modo protege las listas de llamadas de las empresas, no a las personas inscritas.',
    privacyOpenUnmeasured:
      'Cualquiera que tenga los archivos de esta lista puede comprobar cualquier número sin conexión, y reconstruir la lista probando todos los números ({perSecond} por segundo con un solo ordenador). Este modo protege las listas de llamadas de las empresas, no a las personas inscritas.',
    technicalHeading: 'Detalles técnicos',
    technicalHelp: 'Para desarrolladores, integradores y auditores.',
    register: 'Registro',
    epoch: 'Identificador de la lista (época)',
    built: 'Generada',
    published: 'Publicada',
    expires: 'Anuncio válido hasta',
    expiresNote: '(firmado; el gestor lo renueva cada vez que genera la lista)',
    entries: 'Números inscritos',
    epsilon: 'Tasa de falsos positivos (ε)',
    epsilonValue: '{rate} (1 de cada {inverse})',
    mode: 'Modo',
    shards: 'Archivos del filtro',
    manifestHash: 'SHA-256 del manifiesto',
    fingerprint: 'Huella de la clave de firma',
    publicKey: 'Clave pública de firma (base64)',
    pullHelp: 'Con la línea de comandos, fijando la clave o la huella que le facilitó el gestor:',
    keyChain: 'Cadena de claves',
    keyChainValue: 'clave configurada {configured}, seguida hasta {current} mediante anuncios firmados',
    nextKey: 'Próxima clave de firma (anunciada)',
    nextKeyValue: '{next}: las listas posteriores se firmarán con ella; los clientes la siguen',
    links: 'Enlaces',
    apiDocs: 'Documentación de la API',
    openApi: 'Documento OpenAPI',
    latestManifest: 'Último manifiesto firmado',
    thisManifest: 'Manifiesto de esta lista',
    shardLink: '{bytes} bytes',
    moreShards: '… {count} {count|archivo más|archivos más} del filtro: véase el manifiesto',
    health: 'Estado del servicio',
  },
  apiErrors: {
    INVALID_SCOPE:
      'La página ha pedido un canal o un sector que esta lista no tiene. Recargue la página y vuelva a elegir.',
    PARTITION_NOT_ENTITLED:
      'Su clave de acceso no cubre esta parte de la lista. Pida al gestor que la añada a su suscripción.',
    INVALID_JSON:
      'El servidor no ha entendido la solicitud de la página. Recargue la página y vuelva a intentarlo.',
    INVALID_REQUEST:
      'El servidor no ha entendido la solicitud de la página. Recargue la página y vuelva a intentarlo.',
    TOO_MANY_NUMBERS:
      'La página ha enviado demasiados números a la vez. Recargue la página y vuelva a intentarlo.',
    INVALID_ELEMENT:
      'El servidor ha rechazado un número cifrado enviado por la página. Recargue la página y vuelva a intentarlo.',
    INVALID_PATH: 'La página ha pedido al servidor algo que no existe. Recargue la página.',
    NUMBER_IN_URL:
      'Se ha rechazado la solicitud de la página porque su dirección parecía un número de teléfono.',
    UNAUTHORIZED:
      'No se ha aceptado su clave de acceso. Compruebe que la ha copiado entera; si sigue fallando, pregunte al gestor si sigue siendo válida.',
    FORBIDDEN: 'Su clave de acceso no permite comprobar números. Pida al gestor una clave que lo permita.',
    NOT_FOUND: 'El servidor no tiene lo que ha pedido la página. Recargue la página.',
    METHOD_NOT_ALLOWED: 'El servidor ha rechazado la solicitud de la página. Recargue la página.',
    PAYLOAD_TOO_LARGE:
      'La página ha enviado demasiados datos a la vez. Recargue la página y vuelva a intentarlo.',
    UNSUPPORTED_MEDIA_TYPE: 'El servidor no ha entendido la solicitud de la página. Recargue la página.',
    RANGE_NOT_SATISFIABLE: 'La lista ha cambiado durante la descarga. Recargue la página.',
    RATE_LIMITED: 'Demasiadas solicitudes en poco tiempo. Espere un minuto y vuelva a intentarlo.',
    QUOTA_EXCEEDED: 'El cupo de su suscripción está agotado hasta el {time}.',
    OPRF_KEY_RETIRED:
      'La lista de exclusión se ha renovado entretanto. Recargue la página y empiece de nuevo.',
    INTERNAL:
      'El servidor ha tenido un problema inesperado. Vuelva a intentarlo dentro de unos minutos; si persiste, avise al gestor.',
    UNSUPPORTED_MODE: 'Este servidor no puede comprobar esta lista desde un navegador. Consulte al gestor.',
    NO_EPOCH: 'Todavía no se ha publicado ninguna lista de exclusión en este servidor.',
    STORAGE_UNAVAILABLE:
      'El servidor no está disponible en este momento. Vuelva a intentarlo dentro de unos minutos.',
    INTEGRITY_FAILURE:
      'La lista del servidor no ha superado sus controles, así que el servidor se niega a responder. Avise al gestor.',
    STALE_EPOCH: 'El servidor ha rechazado una lista desfasada. Avise al gestor.',
    POINTER_EXPIRED:
      'La lista del servidor ha caducado: el gestor debe generar una nueva o ejecutar quietlist renew. Hasta entonces, el servidor se niega a responder; avise al gestor.',
    MISCONFIGURED: 'El servidor no está bien configurado para esta lista. Avise al gestor.',
    LIST_NOT_LIVE: 'Esta lista no admite altas entre una generación y la siguiente.',
    ADDITIONS_DISABLED: 'Este servidor no admite altas en las listas.',
    TIMESTAMPS_DISABLED: 'Este servidor no refrenda justificantes.',
  },
  reasons: {
    NOT_ENTITLED:
      'número de una parte de la lista que su suscripción no cubre: no se ha comprobado, no lo llame',
    EMPTY: 'no hay ningún número en la celda',
    NOT_A_NUMBER: 'no es un número de teléfono',
    INVALID_COUNTRY: 'prefijo de país desconocido',
    TOO_SHORT: 'demasiado corto para un número de teléfono de su país',
    TOO_LONG: 'demasiado largo para un número de teléfono de su país',
    INVALID_LENGTH: 'longitud imposible para su país',
    EXCEL_SCIENTIFIC:
      'Excel mostró el número como 3,37E+10 y perdió cifras: dé formato de texto a la columna en el archivo original y vuelva a exportarlo',
    SEVERAL_NUMBERS: 'varios números en una misma celda: ponga un solo número por celda',
    NO_FIELD: 'la fila es más corta que la cabecera: falta la columna del teléfono',
    NO_VALID_READING: 'no es un número asignado, se lea como se lea (con o sin un +, un 00 o un 0 perdido)',
    LEADING_MINUS:
      'empieza por un signo menos, como escribe una hoja de cálculo un número negativo: escriba el número sin el signo',
  },
  problems: {
    fileEmpty: 'El archivo está vacío.',
    fileNoHeader: 'El archivo no tiene fila de cabecera: su primera línea debe nombrar las columnas.',
    fileNotCsv:
      'No se ha podido leer el archivo como una lista (comillas o separadores dañados). Ábralo en Excel y vuelva a guardarlo como CSV o .xlsx.',
    kindPdf:
      'Es un documento PDF, no una lista de llamadas. Exporte la lista desde el programa que la contiene (su CRM, Excel) como CSV o Excel y elija ese archivo.',
    kindImage:
      'Es una imagen, no una lista de llamadas. Exporte la lista desde el programa que la contiene como CSV o Excel y elija ese archivo.',
    kindWord:
      'Es un documento de texto, no una lista de llamadas. Copie la tabla en Excel, guárdela como .xlsx y elija ese archivo.',
    kindPresentation:
      'Es una presentación, no una lista de llamadas. Elija el archivo CSV o Excel de la lista.',
    kindArchive:
      'Es un archivo comprimido. Descomprímalo primero y elija el archivo CSV o Excel que contiene.',
    kindXls:
      'Es un archivo antiguo de Excel (.xls), que la página no puede leer. Ábralo en Excel, guárdelo como .xlsx (Archivo › Guardar como) y elija ese archivo.',
    kindHtml:
      'Es una página web guardada con nombre de hoja de cálculo. Ábrala en Excel, guárdela como .xlsx y elija ese archivo.',
    kindRtf:
      'Es un documento de texto (RTF), no una lista de llamadas. Elija el archivo CSV o Excel de la lista.',
    kindProgram: 'Es un programa, no una lista de llamadas. Elija el archivo CSV o Excel de la lista.',
    workbookUnreadable:
      'No se ha podido abrir la hoja de cálculo. Ábrala en Excel o LibreOffice, vuelva a guardarla como .xlsx y elija ese archivo.',
    workbookEmpty: 'La primera hoja del libro está vacía.',
    workbookTooBig:
      'La hoja de cálculo es demasiado grande para depurarla en un navegador. Guárdela como CSV y elija ese archivo, o use la herramienta de línea de comandos.',
    keyMalformed:
      'Esto no es una clave de acceso: una clave empieza por ql_ y es una sola palabra larga. Vuelva a copiarla del mensaje del gestor.',
    listInvalid:
      'La lista no ha superado el control de su firma o de su integridad, así que no se usa. No continúe y avise al gestor.',
    listTooOld:
      'La lista de este servidor es más antigua de lo que permiten las normas del registro para llamar. Avise al gestor.',
    pageOutdated: 'Esta página está desfasada respecto a la lista del servidor. Recargue la página.',
    listChanged:
      'La lista de exclusión se ha renovado durante la comprobación. Recargue la página y empiece de nuevo.',
    secretMode:
      'Esta lista solo puede comprobarse enviando los propios números al servidor, algo que esta página nunca hace. Pida al gestor la herramienta de línea de comandos.',
    network:
      'No se ha podido conectar con el servidor. Compruebe su conexión a internet y vuelva a intentarlo.',
    additionsUnavailable:
      'No se han podido leer las últimas altas de esta lista, así que no se da ninguna respuesta (podría pasarse por alto un número dado de alta en los últimos minutos). Vuelva a intentarlo dentro de un minuto.',
    serverUnavailable:
      'El servidor no está disponible en este momento. Vuelva a intentarlo dentro de unos minutos.',
    privateDownloads:
      'Este servidor solo comparte su lista con los suscriptores: introduzca su clave de acceso y vuelva a intentarlo.',
    unexpected:
      'Se ha producido un error inesperado. Recargue la página y vuelva a intentarlo; si se repite, avise al gestor.',
  },
};
