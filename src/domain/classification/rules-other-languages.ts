import type { IntentRule } from './rules.js';

/**
 * The policy's HIGH signals, its calm words, and its commonest MEDIUM ones (a refund, a wrong
 * or missing order, something that does not work, a cancellation) in the languages customers
 * of a European platform write in besides English: Spanish, French, German, Dutch, Italian,
 * Portuguese and Polish. Translated from the policy's own words (their common phrasings, and
 * each country's consumer bodies for "a regulator"), not copied from tickets; each language's sentence shape is kept simple on purpose, since
 * the English rules' finer readings (what is only asked about, what is past) do not follow
 * them. Accents are stripped before matching ("débité" reads "debite"); an apostrophe joins
 * its words ("l'oubli" reads "loubli"). Every word matches exactly (its forms are listed):
 * the English stemmer would fold foreign words onto English ones ("urgence" onto "urgency",
 * "cancele" onto "cancel"). Negation words of these languages are in text.ts.
 */
const rules: IntentRule[] = [
  {
    intent: 'money',
    keyword: 'charged twice',
    patterns: [
      // es / pt
      'cobrado|cobrados|cargado|cargados|pagado|debitado|descontado ~4 dos|duas ~1 veces|vezes',
      'dos|duas ~1 cargos|cobros|pagos|cobrancas|debitos',
      'cobro|cargo|pago|cobranca|debito ~1 duplicado|duplicada|doble',
      'doble ~1 cobro|cargo|pago',
      // fr
      'debite|debites|preleve|preleves|facture|factures|paye|payes ~4 deux ~1 fois',
      'double ~1 prelevement|debit|paiement|facturation',
      'deux ~1 prelevements|debits|paiements',
      // de
      'doppelt|zweimal ~4 abgebucht|belastet|berechnet|bezahlt|abgezogen|eingezogen',
      'doppelte|doppelter ~1 abbuchung|belastung|zahlung|lastschrift|einzug',
      'zwei ~1 abbuchungen|belastungen|lastschriften',
      // nl
      'dubbel|tweemaal|twee_keer ~4 afgeschreven|betaald|gefactureerd|geincasseerd|gedebiteerd',
      'dubbele ~1 afschrijving|betaling|incasso',
      // it
      'addebitato|addebitati|addebitata|pagato|prelevato ~4 due ~1 volte',
      'doppio ~1 addebito|pagamento|prelievo',
      'due ~1 addebiti|pagamenti',
      // pl
      'pobrali|pobraliscie|pobrano|obciazyli|obciazono|zaplacilem|zaplacilam ~6 dwa|dwukrotnie ~1 razy?',
      'podwojna|podwojne|podwojny ~1 platnosc|obciazenie|oplata|pobranie',
    ],
    negatable: false,
  },
  {
    intent: 'legal',
    keyword: 'lawyer',
    patterns: [
      'abogado|abogada|abogados|advogado|advogada|avocat|avocate|avocats|anwalt|anwaltin|rechtsanwalt|advocaat|avvocato|avvocati|prawnik|adwokat',
      'demanda|demandar|denunciar|processar|verklagen|klage|aanklagen|querela|pozew|pozwac',
      'poursuite|poursuites ~1 judiciaire|judiciaires',
      'accion|acciones|acao|acoes|azione|azioni ~1 legal|legales|judicial|judiciales|legale|legali|judicial',
      'mise ~1 en ~1 demeure',
      'action ~1 en ~1 justice',
      'rechtliche|gerichtliche ~1 schritte',
      'juridische ~1 stappen',
      'kroki ~1 prawne',
    ],
    negatable: false,
  },
  {
    intent: 'legal',
    keyword: 'complaint to a regulator',
    patterns: [
      // fr: "je dépose une plainte auprès de la DGCCRF", "je saisis le médiateur"
      'deposer|depose|deposerai|porter|porte|porterai ~1 plainte',
      'mediateur|dgccrf',
      // es / pt / it: "una hoja de reclamación en la OMIC", "una denuncia ante Consumo"
      'hoja|libro|livro ~1 de|das ~1 reclamacion|reclamaciones|reclamacoes',
      'omic|denuncia|esposto',
      // de / nl / pl
      'verbraucherzentrale|schlichtungsstelle|geschillencommissie|rzecznik|uokik',
    ],
    negatable: false,
  },
  {
    intent: 'money',
    keyword: 'unauthorized charge',
    patterns: [
      // "Diese Zahlung habe ich nicht autorisiert", "je n'ai pas autorisé ce prélèvement"
      'nicht|pas|no|non|nao|niet|nie ~2 autorisiert|autorise|autorisee|autorice|autorizado|autorizzato|autorizei|geautoriseerd|autoryzowalem|autoryzowalam',
      // charged after cancelling: "trotz Kündigung abgebucht", "malgré ma résiliation, vous continuez à prélever"
      'trotz ~3 kundigung',
      'malgre ~3 resiliation',
      'pesar ~3 cancelacion|baja',
      'ondanks ~3 opzegging',
      'nonostante ~3 disdetta',
    ],
    negatable: false,
  },
  {
    intent: 'security',
    keyword: 'hacked',
    patterns: [
      // "mi cuenta fue hackeada", "mon compte a été piraté", "mein Konto wurde gehackt"
      'hackeado|hackeada|hackearon|pirateado|pirateada|invadida|invadido|pirate|piratee|gehackt|gehacked|hackerato|hackerata|zhakowane|zhakowany|zhakowali',
      // unauthorised access: "acceso no autorizado", "unbefugter Zugriff"
      'acceso|accesos|acesso|acces|accesso|toegang|dostep ~1 no_autorizado|nao_autorizado|non_autorise|non_autorizzato|onbevoegd|nieautoryzowany',
      'unbefugter|unberechtigter ~1 zugriff',
    ],
    negatable: false,
  },
  {
    intent: 'security',
    keyword: 'account takeover',
    patterns: [
      // "alguien cambió mi contraseña", "jemand hat mein Passwort geändert"
      'alguien|alguem|quelquun|jemand|iemand|qualcuno|ktos ~4 cambio|cambiado|mudou|alterou|change|modifie|geandert|veranderd|gewijzigd|cambiato|modificato|zmienil ~4 contrasena|senha|passe|passwort|kennwort|wachtwoord|password|haslo',
      // the password changed, "and it wasn't me": "ce n'est pas moi", "yo no fui"
      'contrasena|senha|passe|passwort|kennwort|wachtwoord|password|haslo ~12 pas_moi|no_fui|nao_fui|nicht_ich|ich_nicht|niet_ik|non_sono_stato|non_sono_stata|nie_ja',
    ],
    negatable: false,
  },
  {
    intent: 'safety',
    keyword: 'safety hazard',
    patterns: [
      // an allergic reaction, a trip to the emergency room, smoke or fire
      'reaction|reaccion|reacao|reazione|reaktion|reactie|reakcja ~1 allergique|alergica|allergica|allergische|alergiczna',
      'allergische ~1 reaktion|reactie',
      'aux ~1 urgences',
      'a ~1 urgencias',
      'notaufnahme|pronto_soccorso|spoedeisende_hulp|eerste_hulp',
      'fumee|humo|fumaca|rauch|dym|incendie|incendio|pozar',
    ],
    negatable: false,
  },
  {
    intent: 'privacy',
    keyword: 'GDPR request',
    patterns: [
      'derecho|direito|droit|recht|diritto|prawo ~3 olvido|esquecimento|loubli|vergessenwerden|vergessen|vergetelheid|alloblio|oblio|zapomnienia|bycia_zapomnianym',
      'borrar|borren|eliminar|eliminen|apagar|apaguem|supprimer|supprimez|effacer|effacez|loschen|loscht|verwijderen|verwijder|cancellare|cancellate|eliminare|usunac|usuncie ~6 datos|dados|donnees|daten|gegevens|persoonsgegevens|dati|dane',
      // the data named first: "que mes données soient supprimées", "dass meine Daten gelöscht werden"
      'datos|dados|donnees|daten|gegevens|persoonsgegevens|dati|dane ~8 supprimees|effacees|borrados|eliminados|apagados|geloscht|verwijderd|cancellati|eliminati|usuniete',
      // the law cited as the ground: "conformément au RGPD", "gemäß DSGVO"
      'conformement|conforme|segun|gemass|volgens|ai_sensi|zgodnie ~3 rgpd|dsgvo|avg|rodo|gdpr',
    ],
    negatable: false,
  },
  {
    intent: 'outage',
    keyword: 'data loss',
    patterns: [
      // "all my progress has disappeared", "all my files are gone"
      'todo|todos|todas|tudo ~6 desaparecido|desaparecidos|desaparecio|desaparecieron|desapareceu|desapareceram|sumiu|sumiram|borrado|borrados|apagado|apagados|perdido|perdidos',
      'tout|tous|toutes ~6 disparu|disparus|disparues|efface|effaces|effacees|supprime|supprimes|supprimees|perdu|perdus|perdues',
      'alle|alles ~6 weg|verschwunden|geloscht|verloren',
      'alle|alles ~6 verdwenen|gewist|verwijderd|kwijt',
      'tutto|tutti|tutte ~6 sparito|spariti|sparite|scomparso|scomparsi|scomparse|cancellato|cancellati|perso|persi',
      'wszystko|wszystkie ~6 zniknelo|zniknely|usuniete|utracone',
    ],
    negatable: false,
  },
  {
    intent: 'outage',
    keyword: 'outage',
    patterns: [
      // "nothing works any more", "the whole team is blocked"
      'nada ~1 funciona',
      'no ~1 funciona ~1 nada',
      'se ~1 ha? ~1 caido|caiu ~2 el|o ~1 sistema|servicio|servico',
      'rien ~1 ne ~1 marche|fonctionne',
      'plus_rien ~1 ne ~1 marche|fonctionne',
      'toute ~1 lequipe ~3 bloquee|bloque|bloques',
      'geht|funktioniert ~2 gar_nichts|nichts_mehr|gar_nichts_mehr',
      'nichts ~1 geht|funktioniert ~1 mehr',
      'totalausfall|systemausfall|serverausfall',
      'werkt ~1 niets|niks|helemaal_niets|helemaal_niks',
      'niets|niks ~1 werkt ~1 meer',
      'non ~1 funziona ~1 niente|nulla|piu_niente|piu_nulla',
      'niente|nulla ~1 funziona',
      'nic ~1 nie ~1 dziala',
      // "none of the 12 flats has internet", "nobody can open the door"
      'nadie|ninguno|ninguna|ningun ~6 puede|pueden|podemos|tiene|tienen|funciona',
      'ninguem|nenhum|nenhuma ~6 consegue|conseguem|pode|podem|tem',
      'personne ~1 ne ~1 peut|arrive',
      'niemand ~3 kann|konnen|kommt',
      'kann|konnen ~1 niemand',
      'niemand ~3 kan|kunnen',
      'kan|kunnen ~1 niemand',
      'nessuno ~3 riesce|puo|riusciamo',
      'nikt ~3 nie ~1 moze',
      // no water, power or line: "no sale agua", "sin luz", "pas d'eau", "kein Strom"
      'no ~1 sale|hay|tenemos|tengo|tiene ~1 agua|luz|internet|gas|corriente|senal',
      'sin|sem|senza ~1 agua|luz|internet|corriente|energia|sinal|acqua|luce|corrente|linea',
      'pas|plus ~1 deau|delectricite|dinternet|de_courant|de_reseau',
      'kein|keinen ~1 wasser|strom|internet|netz|empfang',
      'geen ~1 water|stroom|internet|bereik',
      'brak ~1 wody|pradu|internetu|zasiegu',
    ],
    negatable: false,
  },
  {
    intent: 'plea',
    keyword: 'urgent',
    patterns: [
      'urgente|urgentes|urgentemente|urgence|dringend|dringende|spoed|spoedig|urgentissimo|pilne|pilnie|pilna',
      'lo_antes_posible|cuanto_antes|o_mais_rapido_possivel|au_plus_vite|des_que_possible|so_schnell_wie_moglich|zo_snel_mogelijk|il_prima_possibile|jak_najszybciej',
    ],
    namesAreNot: 'inside-sentence',
  },
  {
    intent: 'calm',
    keyword: 'no rush',
    patterns: [
      'sin|sem|pas|keine|geen|nessuna|bez ~1 prisa|pressa|presse|eile|haast|fretta|pospiechu',
      'no_hay_prisa|rien_ne_presse|hat_keine_eile|heeft_geen_haast',
      'pas|nicht|niet|non|nao|nie|no ~3 urgent|urgente|dringend|pilne|spoed',
    ],
    negatable: false,
  },
  {
    intent: 'refund',
    keyword: 'refund',
    patterns: [
      'reembolso|reembolsar|reembolsen|remboursement|rembourser|remboursez|erstattung|erstatten|ruckerstattung|terugbetaling|terugbetalen|rimborso|rimborsare|rimborsate|zwrot|zwrocic',
      'geld ~1 zuruck',
    ],
    negatable: false,
  },
  {
    intent: 'order',
    keyword: 'order problem',
    patterns: [
      // the wrong item: "taglia sbagliata", "cor errada", "die falsche Größe"
      'talla|color|articulo|producto|tamanho|cor|artigo|produto|taglia|colore|articolo|prodotto|rozmiar|kolor ~1 equivocado|equivocada|errado|errada|sbagliato|sbagliata|zly|zla|zle',
      'mauvais|mauvaise|falsche|falschen|falsches|verkeerde ~1 article|produit|taille|couleur|artikel|grosse|farbe|produkt|ware|maat|kleur|product',
      // not arrived: "no me ha llegado", "não chegou", "pas reçu", "nicht angekommen"
      'no|nao|non|nie ~2 llegado|llego|chegou|arrivato|arrivata|dotarla|dotarlo|dotarl',
      'pas ~1 recu|recue|arrive|arrivee',
      'nicht ~1 angekommen|erhalten|geliefert',
      'niet ~1 ontvangen|aangekomen|geleverd',
      // damaged: "beschädigt", "endommagé", "llegó roto", "danneggiato", "uszkodzony"
      'beschadigt|kaputt|zerbrochen|aufgerissen|endommage|endommagee|casse|cassee|abime|abimee|danado|danada|quebrado|quebrada|danificado|danificada|danneggiato|danneggiata|rotto|rotta|beschadigd|kapot|uszkodzony|uszkodzona|zniszczony',
    ],
    negatable: false,
  },
  {
    intent: 'bug',
    keyword: 'bug',
    patterns: [
      // "no funciona", "não aparece", "ne marche pas", "funktioniert nicht", "werkt niet"
      'no|nao|non|nie ~1 funciona|funcionan|aparece|carga|abre|carrega|funziona|appare|carica|dziala|laduje',
      'ne ~2 fonctionne|marche|charge|saffiche ~1 pas',
      'funktioniert|geht|ladt|erscheint ~1 nicht',
      'werkt|laadt|verschijnt ~1 niet',
      'pantalla|ecra|ecran|bildschirm|scherm|schermo|ekran ~1 blanco|blanca|branco|blanc|weiss|wit|bianco|bialy',
      'erro|erreur|fehler|fout|errore|blad',
    ],
    negatable: false,
  },
  {
    intent: 'cancel',
    keyword: 'cancel',
    patterns: [
      'cancelar|cancele|dar_de_baja|darme_de_baja|resilier|resiliation|kundigen|kundigung|opzeggen|opzegging|disdire|disdetta|rescindir|anulowac|wypowiedziec',
    ],
    negatable: false,
  },
];

/** Each word of each slot as an exact word (`=`), gaps and optional marks kept. */
const exactly = (pattern: string) =>
  pattern
    .split(' ')
    .map((slot) =>
      slot.startsWith('~')
        ? slot
        : slot
            .split('|')
            .map((alternative) => (alternative.startsWith('=') ? alternative : `=${alternative}`))
            .join('|'),
    )
    .join(' ');

export const OTHER_LANGUAGE_RULES: IntentRule[] = rules.map((rule) => ({
  ...rule,
  patterns: rule.patterns.map(exactly),
}));
