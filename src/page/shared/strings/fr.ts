/** Le texte français des pages : mêmes clés et mêmes `{champs}` que en.ts. */
import type { PageStrings } from './en.ts';

export const fr: PageStrings = {
  page: {
    scopeLegend: 'L’objet de vos appels',
    scopeHelp:
      'Une personne peut refuser seulement certains appels. Choisissez comment vous appelez et à quel sujet ; dans le doute, laissez « tous » : la page écarte alors toute personne qui a refusé l’un d’eux.',
    scopeChannel: 'Appels par',
    scopeSector: 'au sujet de',
    scopeAny: 'tous (le choix le plus sûr)',
    scopeChannelCall: 'appels téléphoniques (llamadas)',
    scopeChannelSms: 'SMS et MMS',
    scopeChannelEmail: 'courriel (correo electrónico)',
    scopeChannelPost: 'courrier postal (correo postal)',
    scopeSectorEnergy: 'énergie et services (energía y suministros)',
    scopeSectorTelecoms: 'télécommunications (telecomunicaciones)',
    scopeSectorFinance: 'banque et finance (banca y finanzas)',
    scopeSectorInsurance: 'assurance (seguros)',
    scopeSectorRetail: 'commerce et consommation (comercio y consumo)',
    scopeSectorTravel: 'voyages et loisirs (viajes y ocio)',
    scopeSectorAutomotive: 'automobile (automoción)',
    scopeSectorMedia: 'médias et édition (medios y publicaciones)',
    scopeSectorEducation: 'formation (formación)',
    scopeSectorHealth: 'santé et bien-être (salud y bienestar)',
    scopeSectorCharity: 'associations et ONG (ONG)',
    partitionsHeld:
      'Votre clé d’accès couvre {count} {count|partie|parties} de cette liste ({list}) ; {count|elle seule a été téléchargée|elles seules ont été téléchargées}. Les numéros des autres parties vont dans les lignes rejetées, jamais dans le fichier nettoyé.',
    title: 'Nettoyer un fichier d’appels — quietlist',
    heading: 'Nettoyer un fichier d’appels avec la liste d’opposition',
    intro:
      'Choisissez votre fichier d’appels. La page retire les numéros des personnes inscrites pour refuser le démarchage téléphonique et vous rend le fichier prêt à l’emploi, dans le même format. Votre fichier ne quitte jamais cet ordinateur.',
    language: 'Langue',
    statusLink: 'À propos de ce service',
    noscript: 'Cette page a besoin de JavaScript : votre fichier est vérifié ici, dans ce navigateur.',
    listLoading: 'Récupération de la liste d’opposition…',
    listProgress: 'Récupération de la liste d’opposition : {percent}',
    listReady: 'Liste d’opposition du {date} prête : {entries} {entries|numéro inscrit|numéros inscrits}.',
    listFailed: 'La liste d’opposition n’a pas pu être chargée.',
    transferFresh:
      '{size} téléchargés. La liste est conservée dans ce navigateur : la prochaine fois, seuls les changements seront téléchargés.',
    transferUpdated: 'Mise à jour avec les derniers changements : {size} téléchargés.',
    transferSame: 'La liste conservée dans ce navigateur est à jour.',
    transferNotKept:
      '{size} téléchargés. Ce navigateur ne peut pas conserver la liste : elle sera de nouveau téléchargée la prochaine fois.',
    stepFile: '1. Votre fichier d’appels',
    fileLabel: 'Choisissez le fichier (CSV ou Excel)',
    fileReading: 'Lecture du fichier…',
    fileRead: '{kind} : {rows} {rows|ligne|lignes}, {columns} {columns|colonne|colonnes}.',
    kindCsv: 'Fichier CSV',
    kindXlsx: 'Fichier Excel',
    kindOds: 'Classeur OpenDocument',
    stepColumns: '2. Les colonnes des numéros de téléphone',
    columnsHelp:
      'Cochez chaque colonne qui contient un numéro de téléphone. Une ligne n’est gardée que si aucun de ses numéros n’est sur la liste.',
    columnUnnamed: 'Colonne {n}',
    columnsFound: 'Numéros de téléphone trouvés dans : {names}.',
    stepKey: '3. Votre clé d’accès',
    apiKeyLabel: 'Clé d’accès',
    apiKeyHelp:
      'Fournie par le gestionnaire avec votre abonnement (elle commence par ql_). Elle n’est envoyée qu’à ce serveur, pour décompter les numéros vérifiés.',
    modeLegend: 'Le fichier principal contient',
    modeDrop: 'seulement les lignes que vous pouvez appeler',
    modeFlag: 'toutes les lignes, marquées dans une colonne quietlist_status (listed, not_listed ou invalid)',
    scrubButton: 'Nettoyer le fichier',
    progressCount: 'Comptage des numéros : ligne {done} sur {total} ({percent})',
    progressEvaluate: 'Vérification des numéros avec le serveur : {done} sur {total} ({percent})',
    progressScrub: 'Tri des lignes : {done} sur {total} ({percent})',
    planNeeded:
      'Ce fichier contient {needed} {needed|numéro jamais vérifié|numéros jamais vérifiés}, et votre abonnement en permet encore {remaining} aujourd’hui.',
    planToday:
      'Aujourd’hui, la page peut vérifier {rowsToday} {rowsToday|ligne|lignes} sur {rows}. {rest|La ligne restante pourra être vérifiée|Les {rest} autres lignes pourront être vérifiées} à partir du {resume}.',
    planMoreDays:
      'Au rythme de votre quota quotidien, il faudra ensuite encore {days} {days|jour|jours} pour le reste.',
    planNothing:
      'Votre abonnement ne permet plus de vérification aujourd’hui : les lignes pourront être vérifiées à partir du {resume}.',
    planContinue: 'Vérifier {rowsToday} {rowsToday|ligne|lignes} aujourd’hui',
    planCancel: 'Pas maintenant',
    done: 'Terminé : {rows} {rows|ligne vérifiée|lignes vérifiées} : {clean} à appeler, {listed} sur la liste d’opposition, {invalid} {invalid|rejetée|rejetées}.',
    stopped:
      'Pas terminé : {checked} {checked|ligne vérifiée|lignes vérifiées} sur {total}. {unchecked|Une ligne n’a pas encore pu être vérifiée|{unchecked} lignes n’ont pas encore pu être vérifiées}.',
    stoppedQuota: 'Le quota de votre abonnement pour aujourd’hui est épuisé.',
    resumeAt: 'Choisissez de nouveau le même fichier à partir du {time} pour terminer.',
    resumeLater: 'Choisissez de nouveau le même fichier plus tard pour terminer.',
    keptNote:
      'Les numéros déjà vérifiés sont conservés dans ce navigateur et ne sont pas décomptés une deuxième fois.',
    notKeptNote:
      'Ce navigateur ne peut pas conserver les numéros déjà vérifiés : ils seront décomptés de nouveau.',
    failed: 'Le fichier n’a pas pu être nettoyé.',
    noFile: 'Choisissez d’abord un fichier.',
    noColumn: 'Cochez au moins une colonne de numéros de téléphone.',
    needKey: 'Saisissez votre clé d’accès : cette liste est vérifiée avec l’aide du serveur.',
    downloadsHeading: 'Vos fichiers',
    downloadClean: 'Fichier nettoyé : les lignes que vous pouvez appeler',
    downloadCleanPartial: 'Lignes vérifiées aujourd’hui que vous pouvez appeler',
    downloadFlagged: 'Toutes les lignes, marquées dans leur colonne quietlist_status',
    downloadListed: 'Lignes sur la liste d’opposition : ne les appelez pas',
    downloadRejects: 'Lignes rejetées, chacune avec la raison',
    downloadUnchecked: 'Lignes pas encore vérifiées : ne les appelez pas avant leur vérification',
    downloadReceipt: 'Reçu : à garder comme preuve de la vérification',
    receiptStamped: 'Le reçu est contresigné par le gestionnaire.',
    liveAdditions:
      '{entries} {entries|numéro ajouté|numéros ajoutés} à cette liste depuis sa dernière version {entries|a aussi été vérifié|ont aussi été vérifiés} (ajouts signés jusqu’au n° {through}).',
    receiptLater: 'Le reçu sera fourni avec le fichier terminé.',
    reasonsHeading: 'Pourquoi des lignes ont été rejetées',
    reasonLine: '{count} × {reason}',
    privacyHeading: 'Ce qui quitte votre ordinateur',
    privacyOpen:
      'Rien de votre fichier. La page télécharge la liste d’opposition signée et vérifie votre fichier ici, dans ce navigateur.',
    privacyOprf:
      'Rien de lisible de votre fichier. Pour chaque numéro, la page envoie au serveur un code brouillé dont le serveur ne peut pas déduire le numéro ; le serveur répond par un code que seul ce navigateur sait lire, puis le numéro est recherché ici. Le serveur décompte les numéros de votre abonnement, rien de plus.',
    privacySecret:
      'Cette liste ne peut être vérifiée qu’en envoyant les numéros eux-mêmes au serveur, ce que cette page ne fait jamais. Demandez l’outil en ligne de commande au gestionnaire.',
    verifyHeading: 'Vérifier que cette liste vient bien du gestionnaire',
    keyHelp:
      'La page vérifie la signature de la liste avec la clé du gestionnaire ci-dessous. La première fois, comparez l’empreinte de la clé caractère par caractère avec celle que le gestionnaire vous a donnée (dans votre contrat, par courrier ou par téléphone). Si elles diffèrent, cette page n’est pas celle du gestionnaire : fermez-la.',
    fingerprintLabel: 'Empreinte de la clé',
    publicKeyLabel: 'Clé complète',
    copyFingerprint: 'Copier l’empreinte',
    copyPublicKey: 'Copier la clé',
    copied: 'Copié',
    excelSafeLabel: 'Fichiers à ouvrir dans Excel : les protéger des formules dans les cellules',
    excelSafeHelp:
      "Une cellule qui commence par = + - ou @ (ou une tabulation) est exécutée comme une formule par Excel, LibreOffice et Google Sheets ; si la case est cochée, une telle cellule est précédée d’une ' dans un fichier CSV, et les formules d’un classeur sont écrites comme leurs valeurs. Les nombres et les numéros de téléphone (+33 6 12 34 56 78) ne sont jamais modifiés. Décochez la case pour les fichiers destinés à un automate d’appels ou à un CRM, qui reçoivent alors chaque ligne octet pour octet.",
    formulasNeutralised:
      "{cells} {cells|cellule qu’un tableur aurait exécutée comme formule a été écrite|cellules qu’un tableur aurait exécutées comme formules ont été écrites} comme du texte (avec une ' devant) ou comme {cells|sa valeur|leurs valeurs}.",
    formulasKept:
      '{cells} {cells|cellule commence|cellules commencent} par = + - ou @ et {cells|a été écrite telle quelle|ont été écrites telles quelles} : un tableur {cells|l’exécuterait comme formule|les exécuterait comme formules}.',
    listIdentifier: 'Identifiant de la liste : {epoch}',
  },
  status: {
    scopesLine:
      'Une inscription peut refuser seulement certains canaux ({channels}) ou sujets ({sectors}) : les entreprises vérifient pour les appels qu’elles passent.',
    partitionsLine:
      'La liste est vendue en {count} {count|partie|parties} : chaque entreprise télécharge, et vérifie, seulement les parties de son abonnement.',
    title: 'quietlist — liste d’opposition au démarchage téléphonique',
    heading: 'La liste d’opposition, vérifiée sans partager vos fichiers',
    intro:
      'Cette liste contient les numéros de téléphone des personnes inscrites pour refuser le démarchage téléphonique. Les entreprises ne doivent pas les appeler : elles vérifient donc leurs fichiers d’appels avec cette liste avant d’appeler.',
    cta: 'Nettoyer un fichier d’appels',
    ctaHelp: 'Dans votre navigateur : votre fichier reste sur votre ordinateur et n’est envoyé à personne.',
    listOf: 'La liste du {date} compte {entries} {entries|numéro inscrit|numéros inscrits}.',
    registerRules: '{register} : {validity} {window}',
    validityNever: 'les inscriptions n’expirent jamais ;',
    validityYears: 'une inscription est valable {years} {years|an|ans} ;',
    windowDays: 'n’appelez qu’à partir d’une liste datant de {days} {days|jour|jours} au plus.',
    windowNone: 'utilisez une liste datant d’un mois au plus.',
    unavailable: 'La liste n’est pas disponible pour le moment. {problem}',
    rollback:
      'Le serveur a refusé une liste plus ancienne qui lui était proposée et continue de servir celle ci-dessus (depuis le {time}).',
    refusedPointer:
      'Le serveur a refusé la dernière liste qui lui a été donnée (expirée, ou dont la signature ne se vérifie pas), et continue de servir celle ci-dessus (depuis le {time}).',
    privacyHeading: 'Ce que cette liste protège',
    privacyOprf:
      'Chaque vérification passe par le serveur et est décomptée de l’abonnement de l’entreprise ; le serveur ne voit jamais les numéros vérifiés, et la liste elle-même reste chez le gestionnaire.',
    privacySecret:
      'Les vérifications passent par ce serveur, qui voit les numéros vérifiés (il ne les enregistre pas) ; la liste elle-même reste chez le gestionnaire.',
    privacyOpen:
      'Quiconque possède les fichiers de cette liste peut tester n’importe quel numéro hors ligne, et reconstituer la liste en essayant tous les numéros : tous les numéros mobiles en {mobiles} sur un seul ordinateur, tous les numéros en {all}. Ce mode protège les fichiers d’appels des entreprises, pas les personnes inscrites.',
    privacyOpenUnmeasured:
      'Quiconque possède les fichiers de cette liste peut tester n’importe quel numéro hors ligne, et reconstituer la liste en essayant tous les numéros ({perSecond} par seconde sur un seul ordinateur). Ce mode protège les fichiers d’appels des entreprises, pas les personnes inscrites.',
    technicalHeading: 'Détails techniques',
    technicalHelp: 'Pour les développeurs, les intégrateurs et les auditeurs.',
    register: 'Registre',
    epoch: 'Identifiant de la liste (époque)',
    built: 'Générée le',
    published: 'Publiée le',
    expires: 'Annonce valable jusqu’au',
    expiresNote: '(signée ; le gestionnaire la renouvelle à chaque nouvelle version)',
    entries: 'Numéros inscrits',
    epsilon: 'Taux de faux positifs (ε)',
    epsilonValue: '{rate} (1 sur {inverse})',
    mode: 'Mode',
    shards: 'Fichiers du filtre',
    manifestHash: 'SHA-256 du manifeste',
    fingerprint: 'Empreinte de la clé de signature',
    publicKey: 'Clé publique de signature (base64)',
    pullHelp: 'En ligne de commande, en épinglant la clé, ou l’empreinte que le gestionnaire vous a donnée :',
    keyChain: 'Chaîne de clés',
    keyChainValue: 'clé configurée {configured}, suivie jusqu’à {current} par des annonces signées',
    nextKey: 'Prochaine clé de signature (annoncée)',
    nextKeyValue: '{next} : les listes suivantes seront signées par elle ; les clients la suivent',
    links: 'Liens',
    apiDocs: 'Documentation de l’API',
    openApi: 'Document OpenAPI',
    latestManifest: 'Dernier manifeste signé',
    thisManifest: 'Manifeste de cette liste',
    shardLink: '{bytes} octets',
    moreShards: '… {count} {count|autre fichier|autres fichiers} du filtre : voir le manifeste',
    health: 'État du service',
  },
  apiErrors: {
    INVALID_SCOPE:
      'La page a demandé un canal ou un sujet que cette liste ne connaît pas. Rechargez la page et choisissez de nouveau.',
    PARTITION_NOT_ENTITLED:
      'Votre clé d’accès ne couvre pas cette partie de la liste. Demandez au gestionnaire de l’ajouter à votre abonnement.',
    INVALID_JSON: 'Le serveur n’a pas compris la demande de la page. Rechargez la page et réessayez.',
    INVALID_REQUEST: 'Le serveur n’a pas compris la demande de la page. Rechargez la page et réessayez.',
    TOO_MANY_NUMBERS: 'La page a envoyé trop de numéros à la fois. Rechargez la page et réessayez.',
    INVALID_ELEMENT:
      'Le serveur a refusé un numéro brouillé envoyé par la page. Rechargez la page et réessayez.',
    INVALID_PATH: 'La page a demandé au serveur quelque chose qui n’existe pas. Rechargez la page.',
    NUMBER_IN_URL:
      'La demande de la page a été refusée parce que son adresse ressemblait à un numéro de téléphone.',
    UNAUTHORIZED:
      'Votre clé d’accès n’a pas été acceptée. Vérifiez que vous l’avez copiée en entier ; si le problème persiste, demandez au gestionnaire si elle est toujours valable.',
    FORBIDDEN:
      'Votre clé d’accès ne permet pas de vérifier des numéros. Demandez au gestionnaire une clé qui le permet.',
    NOT_FOUND: 'Le serveur n’a pas ce que la page demandait. Rechargez la page.',
    METHOD_NOT_ALLOWED: 'Le serveur a refusé la demande de la page. Rechargez la page.',
    PAYLOAD_TOO_LARGE: 'La page a envoyé trop de données à la fois. Rechargez la page et réessayez.',
    UNSUPPORTED_MEDIA_TYPE: 'Le serveur n’a pas compris la demande de la page. Rechargez la page.',
    RANGE_NOT_SATISFIABLE: 'La liste a changé pendant le téléchargement. Rechargez la page.',
    RATE_LIMITED: 'Trop de demandes en peu de temps. Patientez une minute, puis réessayez.',
    QUOTA_EXCEEDED: 'Le quota de votre abonnement est épuisé jusqu’au {time}.',
    OPRF_KEY_RETIRED: 'La liste d’opposition a été renouvelée entre-temps. Rechargez la page et recommencez.',
    INTERNAL:
      'Le serveur a rencontré un problème inattendu. Réessayez dans quelques minutes ; si cela persiste, prévenez le gestionnaire.',
    UNSUPPORTED_MODE:
      'Ce serveur ne peut pas vérifier cette liste depuis un navigateur. Adressez-vous au gestionnaire.',
    NO_EPOCH: 'Aucune liste d’opposition n’a encore été publiée sur ce serveur.',
    STORAGE_UNAVAILABLE: 'Le serveur est momentanément indisponible. Réessayez dans quelques minutes.',
    INTEGRITY_FAILURE:
      'La liste présente sur le serveur a échoué à ses contrôles : le serveur refuse donc de répondre. Prévenez le gestionnaire.',
    STALE_EPOCH: 'Le serveur a refusé une liste périmée. Prévenez le gestionnaire.',
    POINTER_EXPIRED:
      'La liste du serveur a expiré : le gestionnaire doit en générer une nouvelle ou lancer quietlist renew. D’ici là, le serveur refuse de répondre ; prévenez le gestionnaire.',
    MISCONFIGURED: 'Le serveur n’est pas correctement configuré pour cette liste. Prévenez le gestionnaire.',
    LIST_NOT_LIVE: 'Cette liste ne reçoit pas d’ajouts entre deux versions.',
    ADDITIONS_DISABLED: 'Ce serveur ne reçoit pas d’ajouts aux listes.',
    TIMESTAMPS_DISABLED: 'Ce serveur ne contresigne pas les reçus.',
  },
  reasons: {
    NOT_ENTITLED:
      'numéro d’une partie de la liste que votre abonnement ne couvre pas : il n’a pas été vérifié, ne l’appelez pas',
    EMPTY: 'pas de numéro dans la cellule',
    NOT_A_NUMBER: 'ce n’est pas un numéro de téléphone',
    INVALID_COUNTRY: 'indicatif de pays inconnu',
    TOO_SHORT: 'trop court pour un numéro de son pays',
    TOO_LONG: 'trop long pour un numéro de son pays',
    INVALID_LENGTH: 'longueur impossible pour son pays',
    EXCEL_SCIENTIFIC:
      'Excel a affiché le numéro sous la forme 3,37E+10 et perdu des chiffres : mettez la colonne au format texte dans le fichier d’origine et exportez-le de nouveau',
    SEVERAL_NUMBERS: 'plusieurs numéros dans une même cellule : un seul numéro par cellule',
    NO_FIELD: 'la ligne est plus courte que l’en-tête : la colonne du téléphone manque',
    NO_VALID_READING:
      'ce n’est pas un numéro attribué, de quelque façon qu’on le lise (avec ou sans un +, un 00 ou un 0 perdu)',
    LEADING_MINUS:
      'commence par un signe moins, comme un nombre négatif dans un tableur : écrivez le numéro sans ce signe',
  },
  problems: {
    fileEmpty: 'Le fichier est vide.',
    fileNoHeader: 'Le fichier n’a pas de ligne d’en-tête : sa première ligne doit nommer les colonnes.',
    fileNotCsv:
      'Le fichier n’a pas pu être lu comme une liste (guillemets ou séparateurs endommagés). Ouvrez-le dans Excel et enregistrez-le de nouveau en CSV ou en .xlsx.',
    kindPdf:
      'C’est un document PDF, pas un fichier d’appels. Exportez la liste depuis le logiciel qui la contient (votre CRM, Excel) en CSV ou en Excel, puis choisissez ce fichier.',
    kindImage:
      'C’est une image, pas un fichier d’appels. Exportez la liste depuis le logiciel qui la contient en CSV ou en Excel, puis choisissez ce fichier.',
    kindWord:
      'C’est un document texte, pas un fichier d’appels. Copiez le tableau dans Excel et enregistrez-le en .xlsx, puis choisissez ce fichier.',
    kindPresentation:
      'C’est une présentation, pas un fichier d’appels. Choisissez le fichier CSV ou Excel de la liste.',
    kindArchive:
      'C’est une archive compressée. Décompressez-la d’abord, puis choisissez le fichier CSV ou Excel qu’elle contient.',
    kindXls:
      'C’est un ancien fichier Excel (.xls), que la page ne lit pas. Ouvrez-le dans Excel et enregistrez-le en .xlsx (Fichier › Enregistrer sous), puis choisissez ce fichier.',
    kindHtml:
      'C’est une page web enregistrée sous un nom de classeur. Ouvrez-la dans Excel et enregistrez-la en .xlsx, puis choisissez ce fichier.',
    kindRtf:
      'C’est un document texte (RTF), pas un fichier d’appels. Choisissez le fichier CSV ou Excel de la liste.',
    kindProgram:
      'C’est un programme, pas un fichier d’appels. Choisissez le fichier CSV ou Excel de la liste.',
    workbookUnreadable:
      'Le classeur n’a pas pu être ouvert. Ouvrez-le dans Excel ou LibreOffice, enregistrez-le de nouveau en .xlsx, puis choisissez ce fichier.',
    workbookEmpty: 'La première feuille du classeur est vide.',
    workbookTooBig:
      'Le classeur est trop volumineux pour être nettoyé dans un navigateur. Enregistrez-le en CSV et choisissez ce fichier, ou utilisez l’outil en ligne de commande.',
    keyMalformed:
      'Ce n’est pas une clé d’accès : une clé commence par ql_ et forme un seul long mot. Copiez-la de nouveau depuis le message du gestionnaire.',
    listInvalid:
      'La liste a échoué au contrôle de sa signature ou de son intégrité : elle n’est pas utilisée. N’allez pas plus loin et prévenez le gestionnaire.',
    listTooOld:
      'La liste de ce serveur est plus ancienne que ce que le registre autorise pour appeler. Prévenez le gestionnaire.',
    pageOutdated: 'Cette page n’est plus à jour pour la liste du serveur. Rechargez la page.',
    listChanged:
      'La liste d’opposition a été renouvelée pendant la vérification. Rechargez la page et recommencez.',
    secretMode:
      'Cette liste ne peut être vérifiée qu’en envoyant les numéros eux-mêmes au serveur, ce que cette page ne fait jamais. Demandez l’outil en ligne de commande au gestionnaire.',
    network: 'Le serveur n’a pas pu être joint. Vérifiez votre connexion à Internet et réessayez.',
    additionsUnavailable:
      'Les derniers ajouts à cette liste n’ont pas pu être lus : aucune réponse n’est donnée (un numéro ajouté ces dernières minutes pourrait manquer). Réessayez dans une minute.',
    serverUnavailable: 'Le serveur est momentanément indisponible. Réessayez dans quelques minutes.',
    privateDownloads:
      'Ce serveur ne donne sa liste qu’aux abonnés : saisissez votre clé d’accès, puis réessayez.',
    unexpected:
      'Un problème inattendu est survenu. Rechargez la page et réessayez ; si cela se reproduit, prévenez le gestionnaire.',
  },
};
