/** Le texte français de la page de nettoyage. Mêmes clés que en.ts ; `{nom}` : une valeur remplie par la page. */
import type { PageStrings } from './en.ts';

export const fr: PageStrings = {
  title: 'Nettoyer un fichier d’appels — quietlist',
  heading: 'Nettoyer un fichier d’appels avec la liste d’opposition',
  intro:
    'Choisissez votre fichier d’appels (CSV ou Excel .xlsx). La page retire les numéros des personnes inscrites pour refuser le démarchage téléphonique et vous rend le fichier nettoyé, dans le même format.',
  privacyHeading: 'Ce qui quitte votre ordinateur',
  privacyOpen:
    'Mode ouvert : rien. La page télécharge la liste signée et vérifie votre fichier ici, dans ce navigateur.',
  privacyOprf:
    'Mode privé (oprf) : votre fichier reste ici. Pour chaque numéro, la page envoie au serveur une valeur masquée, un code d’apparence aléatoire dont le serveur ne peut pas déduire le numéro ; le serveur répond par un code que la page démasque et compare à la liste signée. Le serveur décompte les numéros de votre quota, rien de plus.',
  privacySecret:
    'Cette liste est publiée en mode secret : on ne peut la vérifier qu’en envoyant les numéros eux-mêmes au serveur. Cette page ne le fait jamais. Utilisez la ligne de commande quietlist (scrub --online) ou l’API.',
  keyHeading: 'La clé de signature de l’opérateur',
  keyHelp:
    'La page vérifie la signature de la liste avec cette clé. Comparez l’empreinte avec celle que l’opérateur vous a donnée (caractère par caractère) avant de vous fier au résultat.',
  fingerprintLabel: 'Empreinte de la clé',
  publicKeyLabel: 'Clé publique (base64)',
  copyFingerprint: 'Copier l’empreinte',
  copyPublicKey: 'Copier la clé',
  copied: 'Copié',
  epochLoading: 'Téléchargement et vérification de la liste signée…',
  epochProgress: 'Vérification de la liste signée : {done} parties sur {total}',
  epochReady:
    'Liste signée vérifiée : époque {epoch}, construite le {built}, {entries} numéros, mode {mode}.',
  epochFailed: 'La liste signée n’a pas pu être vérifiée : {message}',
  transferFresh:
    'Liste téléchargée : {downloaded} parties, {size}. Conservée dans ce navigateur pour la prochaine visite.',
  transferUpdated:
    'Liste à jour : {reused} parties inchangées, {patched} mises à jour par les changements, {downloaded} téléchargées en entier ; {size} téléchargés.',
  transferNotKept:
    'Liste vérifiée : {reused} parties inchangées, {patched} mises à jour, {downloaded} téléchargées en entier ; {size} téléchargés. Ce navigateur n’a pas pu la conserver (pas de stockage ici) : la prochaine visite la téléchargera de nouveau.',
  fileLabel: 'Fichier d’appels (CSV ou .xlsx)',
  fileRead: 'Fichier {format}, {columns} colonnes.',
  columnLabel: 'Colonne des numéros de téléphone',
  columnNone: '— choisir une colonne —',
  apiKeyLabel: 'Votre clé d’API (mode privé)',
  apiKeyHelp: 'Fournie par l’opérateur avec votre abonnement (ql_…). Elle n’est envoyée qu’à ce serveur.',
  scrubButton: 'Nettoyer le fichier',
  scrubbing: 'Nettoyage : {rows} lignes vérifiées…',
  done: 'Terminé : {rows} lignes, {clean} à appeler, {listed} sur la liste d’opposition, {invalid} rejetées.',
  failed: 'Le fichier n’a pas pu être nettoyé : {message}',
  downloadsHeading: 'Vos fichiers',
  downloadClean: 'Fichier nettoyé (numéros à appeler)',
  downloadListed: 'Lignes sur la liste d’opposition (ne pas appeler)',
  downloadRejects: 'Lignes rejetées, avec la raison',
  downloadReceipt: 'Reçu (à garder comme preuve de la vérification)',
  receiptStamped: 'Le reçu est contresigné par l’opérateur.',
  language: 'Langue',
  statusLink: 'État du service',
  noColumn: 'Choisissez la colonne qui contient les numéros de téléphone.',
  noFile: 'Choisissez d’abord un fichier.',
  needKey: 'Cette liste est en mode privé : saisissez votre clé d’API.',
  doneOprf:
    'Terminé : {rows} lignes, {clean} à appeler, {listed} sur la liste d’opposition, {invalid} rejetées. Numéros masqués dans ce navigateur avec {backend}.',
  modeLegend: 'Contenu du fichier principal',
  modeDrop: 'Seulement les lignes à appeler (lignes inscrites et invalides retirées)',
  modeFlag: 'Toutes les lignes, avec une colonne quietlist_status : listed, not_listed ou invalid',
  excelSafeLabel: 'Fichiers à ouvrir dans Excel : les protéger des formules dans les cellules',
  excelSafeHelp:
    "Une cellule qui commence par = + - ou @ (ou une tabulation) est exécutée comme une formule par Excel, LibreOffice et Google Sheets ; case cochée, une telle cellule reçoit une ' devant elle dans un fichier CSV, et les formules d’un classeur sont écrites comme leurs valeurs. Les nombres et les numéros de téléphone (+33 6 12 34 56 78) ne sont jamais modifiés. Décochez-la pour des fichiers destinés à un automate d’appels ou à un CRM, qui reçoivent alors chaque ligne octet pour octet.",
  formulasNeutralised:
    "{cells} cellule(s) qu’un tableur aurait exécutée(s) comme formule(s) ont été écrite(s) comme du texte (une ' devant) ou comme leur valeur.",
  formulasKept:
    '{cells} cellule(s) commencent par = + - ou @ et ont été écrites telles quelles : un tableur les exécuterait comme formules.',
  downloadFlagged: 'Toutes les lignes, marquées dans leur colonne quietlist_status',
};
