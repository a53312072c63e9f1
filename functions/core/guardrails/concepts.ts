/**
 * The vocabulary of the escalation intents: concepts, each a comma-separated list of phrases in
 * English and Spanish (syntax in `lexicon.ts`: `word` any inflection, `=word` exactly, `word*`
 * prefix, `_` any word, `!word` never counts). Synonyms and common misspellings go here, not into
 * patterns; `intents.ts` says how concepts combine into evidence. Words that are also everyday words
 * in another sense ("manager" vs "manage", "person" vs "personal") are written exactly, with their
 * plurals.
 */
import type { LexiconData } from './lexicon.ts';

/** Concepts shared by several intents. */
const SHARED: LexiconData = {
  filler: {
    en: `
      please, now, right now, asap, as soon as possible, hi, hello, hey, thanks, thank you, quick, urgent,
      urgently, again, just, i, want, =real, =live, =actual, ok, okay
    `,
    es: `
      por favor, favor, ya, ahora, ahorita, hola, buenas, gracias, urgente, rapido, quiero, =real, de verdad,
      vale, por fa, =plis, =pliss, =porfi, =porfavor
    `,
  },
  negation: {
    en: 'not, no, never, without, =nobody, no need',
    es: 'no, nunca, jamas, sin, ni',
  },
  /** People close to the customer (for injuries, medical and bereavement). */
  relative: {
    en: `
      =mother, =mom, =mum, =mommy, =father, =dad, =daddy, =parents, =husband, =wife, =son, =daughter,
      =brother, =sister, =grandmother, =grandma, =granny, =nan, =grandfather, =grandpa, =partner, =boyfriend,
      =girlfriend, =fiance, =fiancee, =child, =children, =kid, =kids, =baby, =toddler, =infant, =aunt, =uncle,
      =cousin, =niece, =nephew, =friend, =dog, =puppy, =cat, =kitten, =grandson, =granddaughter, =stepdad,
      =stepmom,
      =gran, =grandad, =granddad, =stepson, =stepdaughter, =stepfather, =stepmother
    `,
    es: `
      =madre, =mama, =mami, =padre, =papa, =papi, =padres, =esposo, =esposa, =marido, =hijo, =hija, =hijos,
      =hermano, =hermana, =abuela, =abuelita, =abuelo, =abuelito, =pareja, =novio, =novia, =nino, =nina,
      =bebe, =tio, =tia, =primo, =prima, =sobrino, =sobrina, =amigo, =amiga, =perro, =perrito, =gato, =gatito,
      =nieto, =nieta, =suegra, =suegro,
      =cunado, =cunada, =yerno, =nuera, =padrastro, =madrastra, =hermanastro, =hermanastra
    `,
  },
  body: {
    en: `
      =hand, =hands, =finger, =fingers, =thumb, =arm, =arms, =leg, =legs, =foot, =feet, =toe, =toes, my back,
      his back, her back, lower back, =neck, =head, =face, =eye, =eyes, =lip, =lips, =mouth, =skin, =wrist,
      =ankle, =knee, =shoulder, =chest, =throat, =tongue, =ear, =nose, =tooth, =teeth, =palm, =scalp, =body
    `,
    es: `
      =mano, =manos, =dedo, =dedos, =brazo, =pierna, =pie, =pies, =espalda, =cuello, =cabeza, =cara, =ojo,
      =ojos, =labio, =labios, =boca, =piel, =muneca, =tobillo, =rodilla, =hombro, =pecho, =garganta, =lengua,
      =oreja, =nariz, =diente, =dientes, =cuerpo
    `,
  },
  /** "I am a …", "as a …": the customer's own job, not an event. */
  identity: {
    en: 'i am a, i am an, as a, i work as, i work in, i work at, we are a, who is a, who is an, she is a, he is a, works as a, who works as, mate who is, friend who is',
    es: 'soy, como, trabajo como, trabajo en, somos, que es, quien es, es abogado, es abogada',
  },
  /** Gadgets whose "death" is a flat battery, and devices that can overheat. */
  device: {
    en: `
      phone, battery, batteries, charger, laptop, computer, tablet, ipad, iphone, car, plant, headphones,
      earbuds, watch, smartwatch, heater, stove, lamp, lantern, plug, cable, cord, power bank, adapter,
      outlet, socket, blanket, kettle, hair dryer, toaster, e-bike, ebike, scooter, vape, flashlight, torch,
      hand warmer, gas bottle, canister, vest, jacket, device, appliance, motor, fan, speaker, light, bulb, wire, wiring,
      hoverboard, drone, drill, power tool, toy, blender, microwave, oven, air fryer, iron, curling iron, straightener, electric blanket, heated blanket, dryer, washer, washing machine, fridge, freezer, console, controller, candle, diffuser, humidifier, generator, grill, bbq, barbecue, space heater, radiator, massager, power strip, extension cord, headlamp, solar panel, camping stove, gas canister, propane, lighter, router, printer, tv, television, monitor, electric toothbrush, razor, shaver, vacuum, crock pot, slow cooker, pressure cooker, coffee maker, espresso machine, hot plate
    `,
    es: `
      celular, telefono, movil, bateria, pila, cargador, laptop, computadora, ordenador, tablet, coche, carro,
      auto, planta, audifonos, auriculares, reloj, calentador, estufa, lampara, linterna, enchufe, cable,
      adaptador, toma, cobija, manta, hervidor, secador, tostadora, patinete, aparato, motor, ventilador,
      bocina, foco, bombilla, bombona, cartucho, cartucho de gas, garrafa, hornillo,
      patineta, dron, taladro, juguete, licuadora, microondas, horno, freidora, plancha, secadora, lavadora, refrigerador, nevera, consola, control, vela, difusor, humidificador, generador, parrilla, asador, alargador, extension, regleta, tanque de gas, encendedor, hornilla, router, impresora, television, tele, monitor, cepillo electrico, rasuradora, aspiradora, olla, olla express, cafetera
    `,
  },
  /** Charging or plugged in: heat or smoke then is a hazard. */
  charging: {
    en: `
      while it charged, while it was charging, while charging, when charging, when it was charging, on charge,
      plugged in, charging overnight, charging it, was charging, left it charging, charging cable
    `,
    es: `
      mientras cargaba, mientras se cargaba, cargando, mientras estaba cargando, enchufado, enchufada,
      conectado a la corriente, conectada a la corriente, poniendolo a cargar, lo deje cargando
    `,
  },
};

/** An explicit request for a person. */
const REQUEST: LexiconData = {
  /** The customer asks for something. */
  request: {
    en: `
      want, need, would like, like to, would rather, rather, prefer, let me, can i, could i, may i, can you,
      could you, would you, can we, can, could, get me, give me, i demand, demand, request, require, please,
      is it possible, possible to, appreciate, looking for, try to get, ask for, asking for, kindly, =pls,
      arrange, organise, organize, wish to, much rather
    `,
    es: `
      quiero, quisiera, queria, necesito, necesitamos, ocupo, exijo, prefiero, preferiria, me gustaria, deseo,
      solicito, requiero, puedo, podria, me puede, me puedes, me pueden, me podria, me podrian, puede, pueden,
      por favor, favor de, que me, dame, deme, denme, busco, hay forma, se puede, =agendar, =agenden,
      =programar, =programen, coordinar una, me gustaria mas
    `,
  },
  /** Handing the conversation over. */
  transfer: {
    en: `
      get me, get, put me through, put me on, connect me, connect, transfer, pass me, pass me on, send me to,
      forward me, route me, hand me over, hand this over, put, give me, escalate to, bring, pass this on,
      pass it on, pass this to, pass it to, hand this to, forward this to, refer me,
      send this to, send it to, send me over to, kick this up to, bump this up to, move this up to, take this to, raise this with, pass me over to,
      hand me off, hand me off to, hand me to, hand me over to, hand off, transfer me, put me through,
      forward me on, send me on, pass me along, patch me through, put me thru, fetch, go and get, go get,
      bump me up, move me up, switch me to, be put through, be transferred, get transferred,
      be connected, get connected
    `,
    es: `
      pasame, pasenme, paseme, pasar con, pasarme, pasa con, pasas con, pase con, pasan con, comunicame,
      comuniqueme, comuniquenme, me comunicas, me comunica, me comunican, comunicarme, conectame, conecteme,
      conectenme, me conectas, conectarme, transfiereme, transfierame, transfieranme, me transfieres,
      me transfiere, transferirme, me pasas, me pasa, me pasan, me pones, ponme con, pongame con, me derivan,
      derivame,
      mandame con, mandenme con, envia esto a, enviame con, sube esto a, pasen esto a, pasalo a,
      derivenme, me derivas, me transfieren, me conectan, ponganme con, =connect me, =transfer me, =deriven,
      =derive, =derivar, =derivalo, =derivenlo
    `,
  },
  /** Talking with someone (present or future; past tense is `past_talk`). */
  talk: {
    en: `
      talk to, talk with, speak to, speak with, chat with, chat to, converse with, deal with,
      communicate with, get through to, reach, contact, have a word with, be connected to, be connected with,
      be served by, be helped by, help from, assistance from, talk, speak, complain to, complaint to,
      answer from, answered by, to talk, to speak, !talked, !spoke, !spoken, !chatted, !dealt, !reached,
      !contacted,
      a word with, have a word, word with, a chat with, a conversation with, a call with,
      discuss this with, discuss it with, discuss with, go over this with, raise this with, sort this out with,
      go through this with, go through it with, run this by, take this up with, take it up with,
      taken up with, talk it through with, talk this through with, talk it over with
    `,
    es: `
      =ablar con, =ablar, =hablar con, hablar con, hablar a, hable con, habla con, platicar con, conversar con, chatear con, comunicarme con,
      comunicarse con, tratar con, contactar con, contactar a, me atienda, me atiendan, me atiende,
      me puede atender, atenderme, que atienda, ser atendido, ser atendida, atencion de, ayuda de, hablar,
      quejarme con, queja con, con quien hablar, con quien,
      !hable, !hablamos, !hablaba, !hablado, !atendio, !atendieron, !hablo,
      tratar esto con, ver esto con, platicar esto con, revisar esto con
    `,
  },
  /** A person working for the business: a concept strong enough to ask for on its own. */
  staff: {
    en: `
      =agent, =agents, =human, =humans, =humann, =hooman, =humam, human being, =representative~, =representatives~, =rep, =reps,
      =operator, =operators, =manager, =managers, =manger, =supervisor~, =supervisors~, staff,
      staff member, member of staff, member of your team, team member, =employee, =employees,
      customer service, customer care, customer support, support team, support staff, service team,
      sales team, billing department, someone in billing, =department, =departments, =dept, complaints team,
      returns team, billing team, escalations team, customer relations, help desk, helpdesk, call center,
      call centre, whoever is in charge, person in charge, someone in charge, somebody in charge, the owner,
      =boss, =advisor, =adviser, =specialist, actual employee, human agent, live agent, live chat,
      live support, human support, human help, someone senior, somebody senior, someone higher up,
      higher up, higher ups, =superior, your superior, =colleague, =colleagues, =coworker, =coworkers,
      =teammate, =consultant, =consultants, =coordinator, =coordinators, senior member, =oga,
      someone higher, somebody higher, someone more senior, somebody more senior, more senior,
      someone above you, somebody above you, your superiors, =superiors, senior officer, senior staff,
      senior person, senior manager, shift lead, shift leader, shift manager, shift supervisor, team lead,
      team leader, duty manager, manager on duty, floor manager, whoever is on shift, whoever is on duty,
      whoever is working, on shift, store manager, shop manager, branch manager, =management, top dog,
      big boss, head honcho, the head person, the big cheese, the person at the top
    `,
    es: `
      =agente, =agentes, =humano, =humanos, ser humano, =representante~, =representantes~, =asesor, =asesora,
      =asesores, =operador, =operadora, =operadores, =encargado~, =encargada~, =gerente, =supervisor~,
      =supervisora~, =ejecutivo, =ejecutiva, =ejecutivos, =empleado, =empleada, =empleados, =responsable,
      =jefe, =jefa, =especialista, atencion al cliente, servicio al cliente, atencion humana,
      atencion personal, atencion personalizada, persona encargada, =departamento, area de, call center,
      centro de atencion, =superior, un superior, alguien superior, alguien con mas autoridad,
      alguien de mas arriba, =companero, =companera, =coordinador, =coordinadora, =coordinadores,
      =consultor, =consultora, =dueno, =duena, el dueno, la duena, =propietario, =propietaria,
      alguien de mas rango, alguien con mas rango, alguien mas arriba, =agent, =manager, =managers,
      customer service, =gerencia, el de turno, la de turno, quien este de turno, el mero mero,
      la mera mera, el jefe maximo, el jefazo, la jefaza, el de arriba
    `,
  },
  /** A person, not (yet) said to be staff. Weak on its own: "a tent for two people". */
  someone: {
    en: `
      =someone, =somebody, =anyone, =anybody, some one, =person, =people, one of you, one of your, a real one,
      someone else, =persons,
      =whoever, the person who, someone who, somebody who, anyone who, who ever,
      the lady, a lady, a nice lady, the gentleman, a gentleman, lady or gentleman, the guy, a guy, the chap,
      a chap,
      one of the guys, one of the blokes, the bloke, a bloke, the woman who, the man who, the one who,
      the one in charge, the guy in charge, =sumbody, =sumone, =somone, =somebdy, =sombody, =anybdy,
      =any1, =some1, a nice young lady, a young lady, a young man, a nice young man
    `,
    es: `
      =alguien, =persona, =personas, alguno de ustedes, una de ustedes, quien sea, =quien maneje, la persona que,
      alguien que, alguno de, alguna de, alguno del, la senora, una senora, el senor, un senor, la senorita,
      una senorita, la muchacha, el muchacho, una muchacha, un muchacho, el chico que, la chica que,
      el joven que, la joven que,
      el que decide, la que decide, quien decide, quien lleve, quien lleva, el que lleve, el que lleva,
      la que lleva, quien se encargue, el que se encarga, la que se encarga, quien mande, el que manda,
      quien maneja, el que maneja, el encargado de, la encargada de, =alguin, =alguen, =algien
    `,
  },
  /**
   * A team, office or the business as a whole, asked for like a person ("let me speak to the shop",
   * "transfer me to the logistics team"): only with a request to talk or a hand-over.
   */
  business_unit: {
    en: `
      your team, the team, =team, =teams, your people, your staff, the shop, your shop, the store, your store,
      the office, your office, =management, head office, the people who, the folks who, the department,
      =desk, =desks, help desk, the counter, actual shop, actual store, real shop, real store, shop itself,
      store itself, shop directly, store directly, the branch, your branch, tier 2, tier two, second line,
      level 2, second level, next level
    `,
    es: `
      su equipo, tu equipo, el equipo, el team, la tienda, el local, la oficina, la gerencia, =gerencia,
      la administracion, el area, sus companeros, tus companeros, la gente de, la gente que, el personal,
      el mostrador, la sucursal, la tienda directamente, =oficina, =sucursal
    `,
  },
  /** Being handed to someone or some team: "transfer me to", "connect me with", "pásame con". */
  pass_to: {
    en: `
      transfer me to, put me through to, connect me to, connect me with, pass me to, pass me on to,
      send me to, forward me to, forward my message to, forward this to, pass this to, pass my message to,
      route me to, hand me over to, get me through to, put me in touch with, be put through to,
      put through to, be transferred to, transferred to, get transferred to, be connected to,
      be connected with, put me on with, put me on to, put me onto, get me onto,
      switch me to, patch me through to, send me through to, pass me along to, connect us with,
      =connect me with, =connect me to
    `,
    es: `
      pasame con, pasame a, comunicame con, conectame con, derivame con, derivame a, mandame con, me pasas con,
      me pasan con, pasa mi caso a, pasar mi caso a, pasen mi caso a, me pones con, me puedes poner con,
      me pueden poner con, poner con, ponerme con, me comunicas con, me comunican con, me comunica con,
      me pongan en contacto con, ponerme en contacto con, me comunique con, me comuniquen con,
      derivenme a, derivenme con, me derivas a, me derivan a, me derivan con, me transfieren a,
      me transfieres a, transfiereme a, transfiereme con, ponganme con, me conectan con, =connect me con,
      me comunicas a, comunicame a, pasenme con, paseme con, pasenme a, transferir a, transferirme a,
      =deriven mi caso a, =deriven mi caso con, =derivar mi caso a, =derive mi caso a, escalen mi caso a,
      =deriven esto a, =derivenlo a,
      transferirme con, derivarme a, derivarme con, pasarme con, pasarme a, comunicarme con el area
    `,
  },
  /** Talking with someone, as a request's object ("let me speak to the shop"). */
  speak_with: {
    en: `
      talk to, talk with, speak to, speak with, chat with, chat to, a word with, a chat with,
      go through this with, go through it with, run this by, deal with, take this up with,
      take it up with, taken up with, talk it through with, talk it over with
    `,
    es: `
      hablar con, platicar con, conversar con, comunicarme con, tratar esto con, presentar mi caso a,
      ver esto con, presentar mi caso directamente a, =ablar con, exponer mi caso a, plantear esto a
    `,
  },
  /**
   * A particular employee the customer met, described rather than named ("she helped me last week",
   * "el que vende las carpas", "ya sabe mi caso"): asked for with a call or a hand-over.
   */
  served_me: {
    en: `
      he helped me, she helped me, who helped me, helped me last, who served me, served me last, who sold me,
      he sold me, she sold me, who set up, he set up, she set up, he is the one, she is the one, he knows my,
      she knows my, knows my order, knows my case, knows the case, knows about my, knows all about my, who is handling my, is handling my case,
      said he would, said she would, told me to message, said to message, she sorted, he sorted,
      who sorted my, who i spoke to, who i dealt with, she would follow up, he would follow up, she would call,
      he would call, she would get back, he would get back, she would ring, he would ring,
      was helping me, were helping me, who was helping, she was dealing with, he was dealing with,
      was handling my, had been helping me, she was assisting me, he was assisting me, was sorting my,
      she was looking into, he was looking into, the same person as, same person i
    `,
    es: `
      me =atendio, que me =atendio, ella me =atendio, el me =atendio, me =vendio, que me =vendio, el que vende,
      la que vende, el que atiende, la que atiende, ya sabe mi caso, sabe mi caso, conoce mi caso, sabe de mi caso,
      lleva mi caso, =quedo en seguir, me dijo que le, que me =ayudo, me =ayudo con, que trabaja en,
      que trabaja ahi, que =firmo, =quedo en llamarme, =quedo en escribirme, =quedo en avisarme,
      =quedo en contactarme, me estaba ayudando, me estaba atendiendo, que me estaba, la misma persona,
      el mismo asesor, la misma asesora, que llevaba mi caso
    `,
  },
  /** A call, a message or a contact for someone else ("call him back", "que alguien la llame"). */
  contact_other: {
    en: `
      call him, call her, call them, ring him, ring her, phone him, phone her, call him back, call her back,
      ring him back, ring her back, message him, message her, text him, text her, contact him, contact her,
      get in touch with him, get in touch with her, phone my, ring my, call my, !called, ring his, call his,
      phone his, ring their, call their, phone their
    `,
    es: `
      =llamarle, =llamarla, =llamarlo, la =llame, lo =llame, le =llame, la =llamen, lo =llamen, le =llamen,
      =llamenla, =llamenlo, =llamele, =marcarle, le =marquen, le =marque, le =hablen, la =contacten,
      lo =contacten, le =escriban, la =llamaran, lo =llamaran, =llame a mi, =llamen a mi, =marquen a mi,
      =marque a mi, =llamarla, =llamarlo
    `,
  },
  /** A message for a staff member: "could you let her know I'm waiting?", "dile que le escribí". */
  tell_them: {
    en: `
      let her know, let him know, tell her, tell him, pass it on to her, pass it on to him, remind her,
      remind him, give her a message, give him a message
    `,
    es: 'dile que, digale que, diganle que, avisale, avisele, avisenle, recuerdale, recuerdele, dele el mensaje',
  },
  /** Asking whether a person reads the messages ("is anyone reading these?"). */
  reading_msgs: {
    en: `
      reading these, reading this, reading my, read these, read this, read my, reading the messages,
      reading messages, reading the chat, see these messages, seeing these messages
    `,
    es: 'lee esto, leyendo esto, leen los mensajes, lee los mensajes, leyendo los mensajes, leyendo mis, lee mis, leen mis',
  },
  /** Asking the business to call someone else, in the imperative: "please ring her", "llámenle". */
  call_them: {
    en: `
      please call him, please call her, please ring him, please ring her, please phone him, please phone her,
      please call my, please ring my, please phone my
    `,
    es: `
      =llamenle, =llamenla, =llamenlo, =llamele, =llamela, =llamelo, =marquenle, =marquele, =contactenla,
      =contactenlo, =contactenle, la pueden =llamar, lo pueden =llamar, le pueden =llamar, la puedes =llamar,
      lo puedes =llamar, la podrian =llamar, lo podrian =llamar, le pueden =marcar, la pueden =contactar,
      lo pueden =contactar
    `,
  },
  /** A person's own contact details ("their name and number", "el contacto de alguien"). */
  contact_details: {
    en: `
      their number, their name and number, their name and their number, his number, her number,
      direct number, direct line, personal number, their email, their details
    `,
    es: `
      el contacto de, su numero directo, numero directo, su nombre y su numero, su nombre y numero
    `,
  },
  /** Asking who is in charge, to reach them ("who's in charge there?", "¿quién manda ahí?"). */
  in_charge: {
    en: `
      who is in charge, the one in charge, who is the manager, who is your manager, who is your boss,
      who is the boss, who runs, whoever is in charge, whoever is running, who is running this,
      whoever runs, who is the most senior, who is above you
    `,
    es: `
      quien manda, quien esta a cargo, quien es el jefe, quien es la jefa, quien es el encargado,
      quien es la encargada, quien es el responsable, quien es el gerente, quien es el dueno,
      quien esta al mando, quien lleva esto, el que manda
    `,
  },
  /** No person at the other end: "¿no tienen gente trabajando?", "is anyone reading these?". */
  nobody_there: {
    en: `
      is nobody there, is no one there, nobody there, no one there, is there nobody, is there no one,
      nobody answers, no one answers, nobody is answering, no one is answering, nobody replies, no one replies,
      nobody reads, no one reads, anyone reading, anybody reading, someone reading, anyone read,
      anybody read, no humans, no real people, any humans, any real people, anyone working there,
      anybody working there, nobody working
    `,
    es: `
      no hay nadie que, no hay nadie ahi, no hay nadie en esa, no hay nadie en la oficina, no hay nadie atendiendo,
      no hay nadie trabajando, no hay nadie con quien, nadie contesta, nadie responde, nadie atiende,
      no contesta nadie, no responde nadie, no atiende nadie, no hay gente, no tienen gente, no tienen personas,
      no hay personas, no hay humanos, alguien lee, alguien esta leyendo, alguien leyendo, nadie lee,
      gente trabajando, personas trabajando, nadie trabajando
    `,
  },
  /** Asking out of curiosity or for another time: no request now ("just curious how it works"). */
  just_asking: {
    en: `
      just curious, out of curiosity, curious how, for future reference, for next time, for the future,
      for future calls, hypothetically, in case i ever, for another time, who to thank,
      so i know who to thank, in the review, in my review, for my review, for the review, just for my records,
      for my records, thank you card, thank-you card, thank you note, thank-you note, to thank them,
      to say thanks to
    `,
    es: `
      por curiosidad, es curiosidad, solo curiosidad, solo por saber, pregunto para otra vez, para otra vez, para la proxima, a futuro,
      por ahora solo quiero saber, si algun dia, si en algun momento, pregunto nomas, para mas adelante,
      es para saber, nomas para saber, solo para saber, pregunto para saber, era para saber,
      para saber de que, a quien agradecer, para agradecerle, para la resena, en la resena,
      nota de agradecimiento, tarjeta de agradecimiento, carta de agradecimiento
    `,
  },
  /** Asking not to be handed over: "don't transfer me to anyone", "no me pases con nadie". */
  no_handover: {
    en: `
      do not transfer, do not pass me, do not put me through, do not connect me, do not hand me,
      never transfer, no need to transfer
    `,
    es: `
      no me pases, no me pasen, no me pase, no me transfieras, no me transfieran, no me comuniques,
      no me comuniquen, no me derives, no me deriven, no me mandes con
    `,
  },
  /** A visit the customer cannot make: no evidence against a request ("I can't pop in, call me"). */
  no_visit: {
    en: `
      can not pop in, can not come in, can not visit, can not get to the store, can not get to the shop,
      unable to visit, unable to come in, not able to come in, not able to visit, will not be able to come in
    `,
    es: `
      no puedo ir, no quiero ir, no voy a poder ir, no puedo pasar, no me queda cerca, no puedo acercarme,
      no puedo llegar a la tienda
    `,
  },
  /** How the service works, not a request now: "if I text HELP does that go to a person?", "¿es cierto?". */
  how_it_works: {
    en: `
      if i text, if i type, if i message, what do i type, what should i type, what do i write, keyword,
      is that a real thing, is that true, how does it work, how it works, what do i do if i want,
      what should i do if i want, is it free to call, free to call from, toll free, cost to call,
      callback hours, opening hours, what hours, which hours
    `,
    es: `
      si =pongo, si =pido, que tengo que escribir, que palabra, que =pongo, que debo escribir, es cierto, como funciona, que hago si quiero, que tengo que hacer para, gratuito,
      horario de atencion, horarios de atencion, hasta que hora, a que hora atienden
    `,
  },
  /** Business that is not a customer's case: press, jobs, partnerships, wholesale. */
  other_business: {
    en: `
      job application, apply for a job, applying for a job, a job at, jobs at, careers, vacancy, vacancies,
      internship, hiring, press enquiries, press inquiries, press enquiry, press inquiry, journalist, collab,
      sponsorship, sponsor, influencer, affiliate
    `,
    es: `
      =empleo, vacante, vacantes, de prensa, para prensa, soy de la prensa, periodista, colaboracion con,
      colaborar con ustedes, patrocinio, patrocinar
    `,
  },
  /** Trade enquiries (wholesale, stockists): often a question, sometimes a request for a call. */
  trade_enquiry: {
    en: 'wholesale, stockist, stock your, carry your, sell your products, resell, reseller, distributor',
    es: 'al por mayor, mayoreo, distribuidor, distribuidora, revender, revendedor, vender sus productos',
  },
  /** Seeing staff in person on a visit: a question about the store, not a hand-over. */
  store_visit: {
    en: `
      when i visit, if i visit, when i come in, if i come in, bring it in, pop in, pop into, drop by, drop in,
      stop by, come by, book a fitting, book a boot fitting, need an appointment, need to book,
      in person at the store, in person at your store, in person in store, in person at the shop,
      in-store help, in-store advice
    `,
    es: `
      quiero ir, voy a ir, pasar por la tienda, paso por la tienda, cuando vaya, si voy,
      cita en la tienda, necesito cita, hace falta cita, en persona en la tienda, atencion presencial,
      atencion en persona en
    `,
  },
  /** Not a bot. */
  real: {
    en: `
      =real, =live, =actual, =actually, flesh and blood, =genuine, =proper, =breathing, =human, of flesh
    `,
    es: '=real, =reales, de verdad, de carne y hueso, =humana, =humano, verdadera, verdadero',
  },
  /** Belonging to the business. */
  from_you: {
    en: `
      from your, from you, on your team, of your staff, who works, works there, works for you,
      at your company, in your company, from the company, from the store, at the store, your team, your staff,
      your company, from support, from customer service, your side, in billing, who can help,
      who can actually, who knows, who can fix, in charge,
      at your office, at head office
    `,
    es: `
      de ustedes, del equipo, de su equipo, de tu equipo, de la empresa, de su empresa, de la tienda,
      de atencion, de soporte, de servicio, que me ayude, que me pueda ayudar, que sepa, que trabaje
    `,
  },
  /** Being contacted: calls, call-backs. */
  contact: {
    en: `
      call me, call me back, call back, callback, ring me, ring me back, give me a ring, give me a call,
      give me a buzz, phone me, call my, ring back, call us, call the number, !called, !calls,
      ring me up, phone me back, !phoned, !rang, give me a call back, give me a bell, give us a bell,
      give us a ring, give us a call, give me a shout, give us a shout, call us back, ring us, ring us back,
      phone us, ring the landline, call the landline, phone the landline, ring my landline, call my landline,
      ring my mobile, call my mobile, call my cell, ring this number, call this number, phone this number,
      ring me on, call me on, phone me on, revert with a call
    `,
    es: `
      =llamame, =llamenme, =llameme, me =llamen, me =llame, me =llamas, me =llaman, me =llamara, me =llamaran,
      me _ =llamar, =llamarme, =llamarnos, devuelvan la =llamada, devolver la =llamada,
      devolverme la =llamada, regresen la =llamada, regresar la =llamada, me =marquen,
      me =marque, =marcame, =marquenme, me =hablen, me =hable, =hablarme,
      me devuelvan la =llamada, me regresen la =llamada, me pueden =llamar, recibir una =llamada,
      =llamen al, =llamen a este, =marquen al, =marquen a este, =call me back, =call me
    `,
  },
  /** Being contacted in a way a bot could also mean ("contact me at this email"). */
  contact_weak: {
    en: `
      reach out to me, reach me, contact me, get in touch with me, get back to me, follow up with me,
      contact us, reach out, !contacted, !reached, message me back, text me back, write me back,
      write back to me, be =contacted, be =reached, message me directly, contact me directly, answer me,
      reply to me, respond to me, revert to me, revert back, kindly revert, !replied, !responded,
      !answered, !messaged
    `,
    es: `
      comunique conmigo, comuniquen conmigo, comunicarse conmigo, comunicara conmigo, comunicar conmigo,
      =contactarme, =contactenme, me =contacten, me =contacte, me =contactan, me _ =contactar,
      me _ =comunicar, =comunicarse conmigo, me =escriba, me =busquen, me =conteste, me =contesten,
      =contesteme, =contestenme, me =escriban, =escribanme, =escribame, me =lea, me =lean
    `,
  },
  /** A person doing something for the customer: "a human to look at it", "que una persona revise". */
  attend: {
    en: `
      look at, look into, take a look, review, check, handle, help me, sort this, sort it, fix this, fix it,
      deal with this, deal with it, assist me, go over, get back, explain, walk me through, talk me through,
      walk her through, walk him through, pick this up, !helped, !handles, !reviewed, !checked
    `,
    es: `
      revise, revisar, vea, ver mi, atienda, atender, me ayude, ayudarme, se encargue, encargarse, resuelva,
      resolver, me explique, me asesore, que me atienda, le explique, nos explique, !ayudo, !ayudaron,
      !atendio, !reviso
    `,
  },
  /** Not wanting or needing: "I don't need to talk to anyone", "no hace falta". */
  no_need: {
    en: `
      not need, not want, no need, not necessary, not looking to, not interested in, not have to, not wish to,
      rather not
    `,
    es: 'no quiero, no necesito, no hace falta, no es necesario, no quisiera, no tengo que, no hay necesidad',
  },
  /** Not the assistant: "a person, not you", "no un robot". */
  not_you: {
    en: 'not you, not a bot, not the bot, not a robot, not the ai, not an ai, not this bot, not a machine',
    es: 'no tu, no a ti, no contigo, no un bot, no un robot, no el bot, no una maquina, no la ia',
  },
  /** Someone free to take the conversation. */
  available: {
    en: 'available, free to, around, on duty, working today, online, there, free now, free today, free right now, free at the moment, in today, about today, in at the moment',
    es: 'disponible, disponibles, libre, ahi, en linea, conectado',
  },
  /** Asking whom to talk to: "who can I speak to", "¿con quién hablo?". */
  whom: {
    en: `
      who can i speak to, who can i talk to, who do i speak to, who do i talk to, who can i speak with,
      who can i talk with, who should i speak to, who should i talk to, who can i complain to,
      who can i phone, who can i call, who can i ring, who do i call, who do i phone, who do i ring
    `,
    es: `
      con quien puedo hablar, con quien hablo, con quien me comunico, con quien me puedo comunicar,
      a quien llamo, a quien puedo llamar, a quien le hablo
    `,
  },
  /** Asking who: with talking, asking whom to talk to. */
  who_q: {
    en: `
      who do i, who can i, who should i, who would i, who i need to, who i can, who i should, who is the person,
      who is in charge, who handles, who deals with, who do we
    `,
    es: `
      con quien, a quien, quien me puede, quien puede, con quien tengo que, a quien debo, quien se encarga
    `,
  },
  /** Friendly words: "real people with real care" is praise, not a request. */
  praise: {
    en: 'i love, we love, love it, love how, love the, love your, love that, love this, love you, love ur, =loved, =lovely, =thank, to thank, amazing, awesome, =helpful, so kind, were great, was great, great, thank you, thanks, =wonderful, fantastic, excellent, appreciate it, appreciate you, appreciate your, really appreciate, recommended you, recommended your, recommended us',
    es: 'me encanta, me encanto, encantada, encantado, excelente, genial, gracias, maravilloso, increible, muy amable, muy amables, super amables, muy atentos, muy atenta, muy atento, agradecer, agradecerle, felicitar, me recomendo, me recomendaron',
  },
  /** "… on the phone", "a call": with a person or a request cue, a request to be called. */
  by_phone: {
    en: 'on the phone, over the phone, by phone, phone call, on the line, a call, call from, get a call, callback, be called back, be called, get called back, get a call back, receive a call, a call back, be phoned, be rung, =telephonically, by telephone, on the telephone, over the telephone, by voice, on a call, telephone call, phone call, a phone line, onto a phone, on a phone line, voice call, a proper call, talk on the phone, speak on the phone',
    es: 'por telefono, por =llamada, al telefono, al celular, una =llamada, =llamada de, recibir una =llamada, que me =llamen, por voz, en voz, =telefonicamente, por phone, por el phone, por telefono fijo, al fijo, una =llamadita, =llamada telefonica',
  },
  /** "Call me crazy", "you can call me Sam". */
  naming: {
    en: `
      you can call me, call me crazy, call me old, call me picky, call me paranoid, call me silly,
      call me lazy, call me a, call me by, everyone calls me, people call me
    `,
    es: 'me =llamo, me dicen',
  },
  bot: {
    en: `
      =bot, =bots, =robot, =robots, =ai, chatbot, machine, automated, automatic, computer, program, script,
      virtual assistant, bot answers, canned
    `,
    es: '=bot, =robot, =robots, maquina, automatico, automatica, contestadora, programa, =ia',
  },
  /** Wanting the bot to stop. */
  enough: {
    en: 'stop, enough, tired of, sick of, done with, fed up, no more, quit, instead of',
    es: 'basta, ya no, harto, harta, cansado, cansada, deja de, dejen de, no mas, en vez de',
  },
  is_there: {
    en: 'is there, are there, anyone there, anybody there, someone there, anyone available, hello, any',
    es: 'hay, alguien ahi, esta alguien, hay alguien',
  },
  escalate: {
    en: '=escalate, =escalation, escalate this, escalate my, escalate it',
    es: '=escalar, =escalen, =escale, =escalarlo, =escalalo, =escalenlo',
  },
  policy: {
    en: 'policy, process, procedure, how does, how do',
    es: 'politica, proceso, como funciona',
  },
  /** Asking what the assistant is. */
  identity_q: {
    en: `
      are you, is this, am i talking, am i speaking, am i chatting, am i texting, is this chat, you are a,
      you are an, does a real, do real, does an actual, do actual, was it a, was that a, was it an,
      was that an
    `,
    es: '=eres, es usted, =sos, estoy =hablando con, =hablo con, es un, es una, esto es, fue una, fue un',
  },
  /** Contact with a person that already happened. */
  past_talk: {
    en: `
      =talked, =spoke, =spoken, =chatted, was talking, was speaking, been talking, been speaking,
      already talk, already speak, already contacted, already called, =dealt
    `,
    es: `
      =hable con, le =hable, les =hable, =hablamos con, ya =hable, =hablaba, =hablado, ya me =atendio,
      ya me =atendieron,
      ya me =comunique
    `,
  },
  /** People who are not the business's staff. */
  third_party: {
    en: `
      delivery person, delivery guy, delivery man, delivery driver, courier, driver, mailman, postman,
      mail carrier, travel agent, my agent, my manager, my boss, my supervisor, estate agent, insurance agent,
      booking agent, our agent, my rep, agent number, agent id, agent code, my wife, my husband,
      other people, my assistant, my employee, my employees, my staff, my team, our team, our staff,
      human resources, agent in, agents in, an agent in,
      my lawyer friend, sales person, people who, store manager said, per person, each person, people in,
      supervisor discount, manager discount, staff discount, employee discount, agent discount, manager special, staff pick, staff picks,
      contact person, contact name, real estate, human size, human sizes, for humans, customs agent,
      shipping agent, hotel manager, site manager, project manager, account manager at, is the manager at,
      is a manager at, is the manager of, is a manager of, is the boss at, manages a, runs a shop, runs a store
    `,
    es: `
      repartidor, mensajero, cartero, chofer, conductor, agente de viajes, mi agente, mi jefe, mi jefa,
      mi gerente, mi supervisor, mi asesor, mi asesora, numero de agente, otra persona, por persona,
      para personas, para _ personas, para una persona, mis empleados, mi equipo,
      descuento de empleado, descuento de supervisor, persona de contacto, agente de aduanas,
      agente aduanal, despachante, es el gerente de, es gerente de, es gerente en, es el encargado de un,
      es la encargada de un, es jefe de, es jefa de
    `,
  },
};

/**
 * Request forms and look-alikes of round 7: departments and the people behind a pronoun asked for,
 * a human described rather than named, leaving the bot; questions about channels, hours and response
 * times, reported speech, past calls, and errands for someone else.
 */
const REQUEST_MORE: LexiconData = {
  /** A department asked for by its job ("put me on with returns", "pásame con facturación"). */
  dept: {
    en: `
      =returns, =billing, =accounts, =sales, =repairs, =membership, =memberships,
      =complaints, =shipping, =logistics, =refunds, =exchanges, =dispatch, =payments, =finance,
      =accounting, tech support, technical support, =aftercare, =aftersales, after sales, trade desk,
      trade team
    `,
    es: `
      =devoluciones, =facturacion, =ventas, =reparaciones, =reclamaciones, =reclamos,
      =cobranza, =cobranzas, =cobros, =envios, =logistica, =pagos, =contabilidad, soporte tecnico, =cambios,
      =postventa, =socios, =membresia, =membresias
    `,
  },
  /** Talking with "him", "her" or "them": a person asked for who was named or described before. */
  talk_them: {
    en: `
      talk to him, talk to her, talk to them, talk with him, talk with her, talk with them, speak to him,
      speak to her, speak to them, speak with him, speak with her, speak with them, chat to him, chat to her,
      chat to them, chat with him, chat with her, chat with them, a word with him, a word with her,
      a word with them, word with them, talk it through with them, talk it through with him,
      talk it through with her, go through it with them, go through it with him, go through it with her
    `,
    es: `
      hablar con ella, hablar con ellos, hablar con ellas, comunicarme con ella, comunicarme con ellos
    `,
  },
  /** Handing the customer to "him", "her" or "them" ("put me through to him"). */
  pass_them: {
    en: `
      put me through to him, put me through to her, put me through to them, connect me to him,
      connect me to her, connect me with him, connect me with her, connect me with them, pass me to him,
      pass me to her, pass me to them, transfer me to him, transfer me to her, transfer me to them,
      put me on to him, put me on to her, get him on the line, get her on the line, get them on the line,
      get him on the phone, get her on the phone, have him call me, have her call me, have them call me
    `,
    es: `
      pasame con ella, pasenme con ella, comunicame con ella, ponme con ella, conectame con ella,
      que se ponga, que se ponga al telefono, ponerlo al telefono, ponerla al telefono
    `,
  },
  /** A person or desk at a named shop ("Mike from the Denver store", "alguien de la tienda del centro"). */
  at_store: {
    en: `
      from the _ store, from the _ shop, at the _ store, at the _ shop, in the _ store, from your _ store,
      from your _ shop, from the _ branch, at the _ branch, at the store, at the shop
    `,
    es: 'de la tienda de, de la tienda del, de la tienda en, del local de, de la sucursal',
  },
  /** A human described by what a bot lacks: "someone with a pulse", "a real voice", "de carne y hueso". */
  human_desc: {
    en: `
      with a pulse, and a pulse, with a heartbeat, name and a pulse, living being, living person, living human,
      breathing human, breathing person, real voice, human voice, actual voice, live voice, real life person,
      flesh and blood, actual human, real human, living soul, a soul, a live one, a grown up, a grownup,
      thinking person, human brain
    `,
    es: `
      de carne y hueso, con pulso, voz humana, voz real, voz de verdad, persona viva, ser humano real,
      alguien real, persona de verdad, humano de verdad, humana de verdad, con nombre y apellido
    `,
  },
  /** Turning away from the bot or the chat ("take me off this bot", "no me sirve el chat"). */
  off_bot: {
    en: `
      rather not do this, rather not deal, rather not talk, rather not chat, rather not speak,
      prefer not to do this, prefer not to deal, prefer not to talk, prefer not to chat, prefer not to speak,
      not want answers, not want replies, not want to talk, not want to deal, not want to chat,
      not want to speak, take me off, get me off, get me out, done with, sick of, tired of, fed up with,
      enough of, enough with, not trust
    `,
    es: `
      no quiero hablar con, no quiero tratar con, no quiero chatear con, no me sirve, no sirve, sacame de,
      saquenme de, sacarme de, basta de, harto de, harta de, cansado de, cansada de, nada de
    `,
  },
  /** The bot or the chat itself, not a product ("this bot", "una máquina", "el chat"). */
  bot_strong: {
    en: `
      =bot, =bots, =robot, =robots, =ai, chatbot, =chatbots, with a machine, to a machine, from a machine,
      by a machine, this machine,
      =machines, this chat, the chat, automated replies, automated answers, automated messages,
      auto replies, autoreplies, virtual assistant, this assistant, the assistant, =automation
    `,
    es: `
      =bot, =bots, =robot, =robots, una maquina, =maquinas, este chat, el chat, respuestas
      automaticas, mensajes automaticos, la ia, =ia, asistente virtual, el asistente, este sistema
    `,
  },
  /** Saying what one is ("I'm a real person…", "soy una persona real"): not a request. */
  self_identity: {
    en: 'i am a, i am an',
    es: 'soy una, soy un, soy',
  },
  /** Someone else's words or a rumour, not the customer's request ("that's what my dad says"). */
  hearsay: {
    en: `
      that is what my, that is what he says, that is what she says, that is what they say, always says,
      says everywhere, says it everywhere, reckons if you, reckons that if, if you ask for, heard that if,
      heard if you, supposedly if, apparently if, is it true that if, is it true if, rumour is, rumor is,
      as my dad says, joke is, the joke, catchphrase, catch phrase, favourite phrase, favorite phrase,
      favourite line, favorite line
    `,
    es: `
      lo que dice mi, eso dice mi, siempre dice, como dice mi, dicen que si pides, escuche que si,
      dicen que si, es cierto que si, me dijeron que si pido, de broma
    `,
  },
  /** Declining a person already named: "I don't want one", "no quiero uno". */
  declined: {
    en: 'not want one, not need one, not after one, not asking for one, not that i want one',
    es: 'no quiero uno, no quiero una, no necesito uno, no necesito una, no es que quiera',
  },
  /** Which channel the business uses, not a request for one ("or is everything through WhatsApp?"). */
  channel_choice: {
    en: `
      or is everything through, or is it all through, or is everything done, or is it all done,
      or is it all by, or is everything by, or is that online only, or is it online only, or only online,
      or only by, or only in, or only through, or does everything go through,
      only through whatsapp, only on whatsapp
    `,
    es: `
      o todo es por, o todo se hace por, o todo va por, o es todo por, o solo por, o solo en, o eso se ve por,
      o se ve por, o es por la web, o solo en linea, o solo online, o siempre es por, solo por whatsapp
    `,
  },
  /** Asking whether a channel exists ("do you have a call centre?", "is there a helpline?"). */
  service_q: {
    en: `
      is there a customer service line, is there a service line, is there a support line, is there a phone line,
      is there a helpline, is there a help line, is there a call centre, is there a call center, do you have a call centre,
      do you have a call center, do you guys have a call centre, do you guys have a call center,
      do you have a helpline, do you have a phone line, do you have phone support, do you offer phone support,
      do you offer callbacks, do you do callbacks, do you offer a callback, do you have live chat,
      have a call centre, have a call center, customer service line in, helpline in, phone line in
    `,
    es: `
      tienen call center, tienen linea de atencion, tienen linea telefonica, tienen atencion telefonica,
      hay atencion telefonica, hay linea de atencion, tienen numero de atencion, ofrecen llamadas,
      hacen llamadas, tienen chat en vivo, tienen centro de atencion
    `,
  },
  /** Asking how long a reply or a call takes, or what usually happens. */
  how_long: {
    en: `
      how long does it take, how long do you take, how long until, how long before, how soon do,
      how quickly do, how quickly does, how fast do, how fast does, roughly, on average, how long is the wait
    `,
    es: `
      en cuanto tiempo, cuanto tarda, cuanto tardan, cuanto demora, cuanto demoran, cuanto se tarda,
      en promedio, aproximadamente
    `,
  },
  /** A question for anyone who knows ("can someone tell me if it comes in blue?"). */
  info_q: {
    en: `
      tell me if, tell me whether, tell me what, tell me how, tell me when, tell me which, let me know if,
      let me know whether, let me know when, confirm if, confirm whether
    `,
    es: 'decirme si, me dicen si, me pueden decir si, me puedes decir si, me confirman si, decirme cuando, me dicen cuando',
  },
  /** Someone else collecting or picking up an order: an errand, not a person asked for. */
  pickup_proxy: {
    en: `
      pick up my order, pick up the order, pick it up for me, pick up for me, collect my order, collect the order,
      collect it for me, collect on my behalf, pick up on my behalf, pick up my parcel, collect my parcel,
      sign for it, sign for my
    `,
    es: `
      recoger mi pedido, recoger el pedido, =recogerlo por mi, recoger por mi, retirar mi pedido, retirar el pedido,
      =retirarlo por mi, =recogerlo, =retirarlo, recibir el paquete por mi
    `,
  },
  /** The customer will call ("I'll call you later", "te llamo luego"): no call asked for. */
  self_call: {
    en: `
      i will call you, i will ring you, i will phone you, call you later, call you back, call you tomorrow,
      ring you later, ring you back, ring you tomorrow, i will give you a call, i will give you a ring,
      thinking of calling, planning to call, i will call the store, i will call them
    `,
    es: `
      te =llamo, les =llamo, los =llamo, le =llamo, te =marco, les =marco, yo =llamo, =llamo luego,
      =llamo mas tarde, =llamo manana, =llamare, los voy a =llamar, les voy a =llamar, pienso =llamar
    `,
  },
  /** Asking not to be called ("please don't call me, text only"). */
  no_call: {
    en: `
      do not call me, do not ring me, do not phone me, do not call, do not ring, no need to call,
      no need to ring, no need for a call, no need for a callback, no need for a call back, no call needed,
      not need a call, not need a callback, no calls, no phone calls, rather not be called,
      rather not get a call, not call me back
    `,
    es: `
      no me =llamen, no me =llames, no me =llame, no hace falta que me =llamen, no hace falta =llamar,
      no es necesario que me =llamen, no necesito que me =llamen, no necesito =llamada, sin =llamadas,
      no hace falta la =llamada
    `,
  },
  /** Talking about a subject, no person asked for ("quiero hablar de mi pedido"). */
  talk_about: {
    en: 'talk about, speak about, chat about, talking about, speaking about',
    es: 'hablar de, hablar sobre, hablemos de, hablamos de, platicar de, platicar sobre, hablar acerca',
  },
  /** A matter already settled ("all sorted", "todo bien", "ya me lo resolvieron"). */
  sorted: {
    en: `
      all good, all sorted, sorted now, it is sorted, got it sorted, all fixed, problem solved, issue resolved,
      resolved now, all resolved, went well, came through, no problem now
    `,
    es: `
      todo bien, todo resuelto, ya quedo, ya se resolvio, ya esta resuelto, me lo =resolvio, ya me =resolvio,
      ya me =resolvieron, ya se soluciono, quedo resuelto, salio bien
    `,
  },
  /** Being told when something happens ("a call when my order ships", "avísenme cuando llegue"). */
  notify_when: {
    en: `
      when my order ships, when it ships, when my order arrives, when it arrives, when it is back in stock,
      when it is ready, when it is dispatched, when my order is ready, before delivery, before you deliver,
      a text is fine, a text is ok, text is fine, an email is fine, email is fine
    `,
    es: `
      cuando llegue, cuando salga, cuando este listo, cuando este lista, cuando envien, cuando lo envien,
      cuando haya stock, antes de entregar, antes de la entrega, un mensaje esta bien, un correo esta bien
    `,
  },
  /** A call that already happened ("my callback yesterday went well", "ya me llamaron"). */
  past_call: {
    en: `
      my callback, the callback yesterday, callback yesterday, callback went, had a callback, got a callback,
      got a call back, received a callback, was called back, had a call from, got a call from,
      the call yesterday, call went well
    `,
    es: `
      ya me =llamaron, me =llamaron ayer, ya me devolvieron la =llamada, la =llamada de ayer,
      me =llamo ayer, ya me =marcaron
    `,
  },
  /** Asking which language staff speak: a question about the team, not a request. */
  speak_lang: {
    en: `
      speak spanish, speak english, speak french, speak german, speak italian, speak portuguese,
      speak polish, speak arabic, speak chinese, speak mandarin, speak cantonese, speak hindi, speak urdu,
      speak punjabi, speak gujarati, speak bengali, speak welsh, speak irish, speak russian, speak japanese,
      speak korean, speak turkish, speak greek, speak dutch, speak tagalog, speak sign language, speak bsl,
      speak asl, speaks spanish, speaks english, speaks any
    `,
    es: `
      habla ingles, hable ingles, hablan ingles, habla espanol, hablan espanol, habla portugues,
      hablan portugues, habla frances, habla aleman, habla catalan, hablan catalan, habla euskera,
      habla gallego, habla quechua, lengua de senas
    `,
  },
  /** "Pass it to me" ("me la pasan", "pásamelo"): something sent, not a hand-over. */
  pass_it: {
    en: 'send it to me, send them to me, pass it to me, forward it to me',
    es: `
      me la pasan, me lo pasan, me los pasan, me las pasan, me la pasas, me lo pasas, me la pasa, me lo pasa,
      pasamela, pasamelo, pasenmela, pasenmelo, me la mandan, me lo mandan, me la envian, me lo envian
    `,
  },
  /** "Escalate" meaning faster delivery or climbing ("escalate my order to next-day", "para escalar"). */
  escalate_other: {
    en: `
      next day, next-day, express delivery, express shipping, faster delivery, faster shipping,
      priority shipping, priority delivery, upgrade my delivery, upgrade shipping
    `,
    es: `
      para =escalar, a =escalar, de =escalar, =escalar en, =escalar el cerro, =escalar la montana,
      =escalar roca, =escalada, =escalador, =escaladora, =escalo, =escalamos, =escalando
    `,
  },
  /** The customer wants to ring a person ("I'd rather ring someone", "prefiero llamar a alguien"). */
  call_out: {
    en: `
      ring someone, call someone, phone someone, ring somebody, call somebody, phone somebody, ring a person,
      call a person, ring a human, call a human, phone a human
    `,
    es: `
      =llamar a alguien, =llamar a una persona, =marcarle a alguien, hablar por telefono con alguien,
      =hablar por telefono con una persona
    `,
  },
  /** A number to call ("please call 0412 555 019"): with a person asked for, a request for a call. */
  call_number: {
    en: `
      call 0*, call 1*, call 2*, call 3*, call 4*, call 5*, call 6*, call 7*, call 8*, call 9*, ring 0*,
      ring 1*, ring 2*, ring 3*, ring 4*, ring 5*, ring 6*, ring 7*, ring 8*, ring 9*, call me on 0*,
      call me on 1*, call me on 2*, call me on 3*, call me on 4*, call me on 5*, call me on 6*, call me on 7*,
      call me on 8*, call me on 9*
    `,
    es: `
      =llamen al 0*, =llamen al 1*, =llamen al 2*, =llamen al 3*, =llamen al 4*, =llamen al 5*, =llamen al 6*,
      =llamen al 7*, =llamen al 8*, =llamen al 9*, =marquen al 0*, =marquen al 1*, =marquen al 2*,
      =marquen al 3*, =marquen al 4*, =marquen al 5*, =marquen al 6*, =marquen al 7*, =marquen al 8*,
      =marquen al 9*
    `,
  },
  /** A number or line to be called on ("on this number", "al fijo"). */
  phone_target: {
    en: 'on this number, this number, on my number, on my mobile, on my landline, the landline, my landline, on my cell',
    es: 'a este numero, este numero de telefono, al fijo, al celular, al movil, a mi celular, a mi telefono, a mi numero',
  },
  /** Opening hours and working days of the team ("do your customer service people work Sundays?"). */
  hours_q: {
    en: `
      work sundays, work on sundays, work saturdays, work on saturdays, work weekends, work on weekends,
      work on the weekend, work bank holidays, =sundys, open on sundays, open on saturdays, open today,
      what time do you, what time does, what time is, are you open, opening times, open till, open until,
      close at, closes at, on bank holidays, on holidays, on public holidays, at weekends, on weekends,
      at the weekend, on christmas, over christmas, after hours
    `,
    es: `
      trabajan los domingos, trabajan los sabados, trabajan el fin de semana, atienden los domingos,
      atienden los sabados, atienden el fin de semana, abren los, abren hoy, a que hora, que horario,
      horario de, hasta que hora, cierran a las, cierra a las, en feriados, los feriados, los festivos,
      en festivos, el fin de semana, en navidad
    `,
  },
};

/** Self-harm and suicide. */
const SELF_HARM: LexiconData = {
  self_harm: {
    en: `
      kill myself, killing myself, kill himself, kill herself, kill themselves, killing himself,
      killing herself, end his life, end her life, take his life, take her life, rope for myself,
      end my life, end my own life, ending my life, take my life,
      take my own life, taking my life, suicid*, self harm, selfharm, harm myself, harming myself, unalive,
      hang myself, slit my wrist, slit my wrists, jump off a bridge, jump off the bridge,
      jumping off a bridge, jump off a building, jump off the roof, jumping off, throw myself,
      take all my pills, take all the pills, take all of my pills, swallow all, overdose, overdosing,
      end it all, ending it all, not be here anymore, put an end to my life, off myself, it all to stop,
      it all to end, everything to stop, everything to end, stop forever, sleep forever,
      if i was dead, if i were dead, if i died, when i am dead, when i am gone, happier without me,
      without me around, not be around much longer, not going to be around much longer,
      not be here much longer, not be here for much longer, not be around for long,
      kms, unalive myself, unaliving myself, sewerslide, take my own life tonight, not be alive much longer, not be here tomorrow,
      not going to be here tomorrow, overdose on, od on,
      will not be alive, not going to be alive, not be alive much longer, not be alive by, not be alive next, not be alive tomorrow,
      sucid*, suicd*, suisid*, =offing myself, offed myself, shoot myself, shooting myself, blow my brains out,
      bullet in my head, gun to my head, hang myself from, not plan on being alive, after i am dead,
      once i am dead, can not take this life, can not stand this life, can not bear this life,
      feel like ending everything, want to end everything, going to end everything,
      crash my car on purpose, drive into a wall, drive my car into, drive into a tree, drive into oncoming traffic,
      drink bleach, drinking bleach, slit my throat
    `,
    es: `
      =matarme, me voy a matar, me quiero matar, me =mato, suicid*, =quitarme la vida, quitar la vida,
      se quiere matar, se va a matar, =matarse, =quitarse la vida,
      acabar con mi vida, terminar con mi vida, acabar con todo, terminar con todo,
      acabar con esto de una vez, =tirarme de, =tirarme por, =aventarme, =colgarme, =ahorcarme,
      =tomarme todas, sobredosis, =cortarme las venas, =quitarme de en medio, =matarse,
      no voy a estar mucho tiempo, no voy a estar aqui mucho, no estare mucho tiempo, ya no estare,
      ya no voy a estar, quitarme de en medio, terminar con mi existencia, acabar con mi existencia,
      no estare vivo, no estare viva, no voy a estar vivo, no voy a estar viva, no seguire vivo, no seguire viva,
      =quitarmela, sucid*, unalive*, me pego un tiro, =pegarme un tiro, darme un tiro, me doy un tiro,
      =volarme la cabeza, =volarme los sesos, no pienso estar vivo, no pienso estar viva, no pienso seguir vivo,
      no pienso seguir viva, tirarme a las vias, cuando este muerto, cuando este muerta,
      despues de que me muera,
      me voy a colgar, me quiero colgar, me cuelgo, cortar las venas, =estrellarme con el coche,
      =estrellarme contra, estrellar el coche a proposito, tomar cloro, tomarme el cloro, beber lejia,
      tomarme la lejia
    `,
  },
  /** Wanting: with `dead`, a death wish ("I wish I was dead", "quisiera estar muerta"). */
  wish: {
    en: 'want, wanna, wish, would like, rather, ready to, hope, hoping, pray, praying, deserve',
    es: 'quiero, quisiera, ojala, deseo, prefiero, preferiria, me gustaria, merezco, =prefiere, =preferiria, =quisiera, =quiere',
  },
  dead: {
    en: 'be dead, was dead, were dead, to die, not exist, disappear, not wake up, be gone, not be alive, stop existing, cease to exist, stop living, not be alive anymore, not being alive, not exist anymore',
    es: 'estar muerto, estar muerta, estuviera muerto, estuviera muerta, morir, =morirme, no existir, desaparecer, no despertar, dejar de existir, dejar de vivir, no estar vivo, no estar viva, no estar aqui',
  },
  /** Hurting oneself: self-harm, unless it reads as an accident (`accident`). */
  self_injury: {
    en: `
      hurt myself, hurting myself, cut myself, cutting myself, been cutting, cutting again, started cutting,
      burn myself, burning myself, harm myself, hit myself, starve myself, starving myself, punish myself,
      hurt myself again, cut myself again, been hurting myself, started hurting myself, hurting myself again, cutting myself again, burned myself on purpose, self injure, self injury, self-injury,
      hurt myself on purpose, cut myself on purpose, scratch myself till, scratching my arms till,
      scratch my arms till, scratch my wrists
    `,
    es: `
      =hacerme dano, =haciendome dano, me =hago dano, me estoy haciendo dano, me sigo haciendo dano,
      =lastimarme, =lastimandome, me =lastimo, =cortarme, =cortandome, me estoy =cortando, me =corto,
      =quemarme, me estoy =quemando, me volvi a cortar, volvi a =cortarme, me =lastimo a proposito, =autolesion*,
      me he estado =cortando, me he =cortado otra vez, he estado =cortandome, sigo =cortandome,
      me sigo =cortando, me _ =cortando, me _ =lastimando, me he estado =lastimando, =hacerme dano,
      me _ =hacer dano, me he hecho dano a proposito,
      me =corte otra vez, me =corte de nuevo, me =hice dano, me he hecho dano, me volvi a lastimar,
      me volvi a hacer dano, me he vuelto a cortar, me he vuelto a hacer cortes, me volvi a hacer cortes,
      me hago cortes, me hice cortes, =hacerme cortes, cortes en los brazos, cortes en las piernas,
      cortes en las munecas, me =rasguno hasta
    `,
  },
  accident: {
    en: `
      on, with, while, when, using, opening, trying, by accident, accidentally, at work, because of, on the,
      from the, badly
    `,
    es: 'con, al, mientras, por accidente, sin querer, en el, en la, por culpa',
  },
  death_wish: {
    en: `
      want to die, wanting to die, going to die tonight, ready to die, deserve to die, wish i was dead,
      wish i were dead, better off dead, better off without me, not want to live, not want to be alive,
      not want to be here, not want to exist, not want to wake up, no point in living, no point living,
      no reason to live, nothing to live for, not worth living, point in living, never wake up, not wake up,
      can not go on living, would not notice if i was gone, would not miss me, notice if i was gone,
      notice if i were gone, if i was gone, if i disappeared, disappear forever, wish i was never born,
      wish i had never been born, tired of living, tired of being alive, want it all to end, want it to end,
      want everything to end, life is not worth,
      done with life, done with living, so done with life, over life, sick of life, tired of life,
      want out of life, want to stop existing, want to disappear, no future for me, i have no future,
      see no future for myself, not see a future for myself, life is pointless, pain to stop for good,
      pain to stop forever, make the pain stop for good, end the pain for good, sleep and never wake up,
      go to sleep and not wake up,
      leave this world, leave forever, go away forever, be gone forever, gone for good,
      want it to be over, want it all to be over, had enough of living, had enough of life,
      i hope i die, hope i die, hopefully i die, wants to die, going to die soon, will be dead soon,
      be dead soon, i am done with life, me and life are done, not want to survive, want it all to stop,
      want everything to stop, it all to stop forever
    `,
    es: `
      quiero morir, quiero morirme, me quiero morir, me quisiera morir, quisiera morirme, no quiero vivir,
      ya no quiero vivir, no quiero seguir viviendo, no quiero seguir, no quiero despertar, no despertar,
      mejor no existir, no existir, ojala estuviera muerto, ojala estuviera muerta, ojala no hubiera nacido,
      no vale la pena vivir, estarian mejor sin mi, nadie me extranaria, nadie notaria,
      desaparecer para siempre, no tiene sentido vivir, no le veo sentido a la vida, cansado de vivir,
      cansada de vivir, ganas de morir, no quiero estar aqui, mejor sin mi, si me muero, si yo muriera,
      si no estuviera, que todo termine, que todo acabe, que todo se acabe, dormir para siempre,
      quiero dejar de existir, dejar de existir, harto de la vida, harta de la vida,
      cansado de la vida, cansada de la vida, no veo ningun futuro, no tengo futuro, no tengo ningun futuro, mi vida no tiene futuro,
      sin futuro para mi, que pare el dolor para siempre, dormir y no despertar, dormirme y no despertar,
      no despertar nunca, no despertar mas, no quiero seguir aqui,
      irme para siempre, irme de este mundo, dejar este mundo, quiero irme de aqui para siempre, desaparecer de este mundo,
      se quiere morir, quiere morirse, ya no quiere vivir, no quiere vivir, no me quedan ganas de vivir,
      no tengo ganas de vivir, sin ganas de vivir, no quiero estar en este mundo, ya no quiero estar aca,
      ya no quiero estar aqui, no quiero sobrevivir, lo que no quiero es sobrevivir, no quiero vivir mas,
      que sentido tiene vivir, =ke sentido tiene vivir, que sentido tiene la vida, no encuentro razon para seguir,
      no encuentro razon para vivir, no tengo razon para vivir, prefiere estar muerto, prefiere estar muerta,
      prefiero estar muerto, prefiero estar muerta, me voy a morir pronto, voy a morir pronto, ojala me muera,
      ojala me muriera, ojala morirme, no aguanto esta vida, no doy mas con esta vida, no puedo mas con esta vida
    `,
  },
  /** Standing at a place to jump from. */
  brink: {
    en: `
      standing on the bridge, standing on a bridge, on the ledge, standing on the edge, standing on the roof,
      on top of the bridge, on the edge of the bridge, on the edge of the roof, at the edge of the cliff,
      standing on the railing
    `,
    es: `
      estoy en el puente, parado en el puente, parada en el puente, en la orilla del puente, en la azotea,
      al borde del puente, en el borde de la azotea, en la cornisa
    `,
  },
  /** "what's the point", "no le encuentro sentido": with `living`, a death wish. */
  pointless: {
    en: `
      no point, what is the point, what the point, not see the point, no reason, no sense, pointless,
      not see any reason, not see a reason, not have any reason, not have a reason, any reason to,
      meaningless, no purpose, no meaning,
      not see why, no reason why, why should i, why would i, why bother, why even bother
    `,
    es: `
      no tiene sentido, sin sentido, no le encuentro sentido, no le veo sentido, no encuentro sentido,
      no veo sentido, para que, no hay razon, no tengo razon, no tengo motivo, sin motivo,
      por que seguir, para que seguir, para que sigo,
      que sentido tiene, =ke sentido tiene, no encuentro razon, no encuentro motivo, no vale la pena
    `,
  },
  /** Not wanting (to go on): with `living`, a death wish. */
  no_desire: {
    en: `
      not want to, not feel like, tired of, sick of, no desire, no will to, can not keep, can not go on,
      not wanna, rather not, hate
    `,
    es: `
      no quiero, no tengo ganas de, sin ganas de, cansado de, cansada de, harto de, harta de,
      no quiero seguir, no puedo seguir, odio
    `,
  },
  living: {
    en: `
      =live, =living, be alive, being alive, exist, existing, my life, =life, go on, keep going, going on,
      wake up, be here, being here, carry on,
      keep living, go on living, stay alive
    `,
    es: `
      =vivir, =viviendo, =vida, mi vida, =existir, seguir, seguir adelante, despertar, estar aqui, estar vivo,
      estar viva,
      seguir viviendo, seguir con vida
    `,
  },
  despair: {
    en: `
      can not take this anymore, can not take it anymore, can not do this anymore, can not go on, no way out,
      give up on everything, give up on life, nothing matters, hopeless, worthless, can not cope,
      no one cares,
      done with everything, i am done with everything, no point anymore, want it to stop, want it all to stop,
      everything is falling apart, my life is falling apart, nothing makes sense anymore, can not do this anymore,
      the pain is too much, pain is too much, too much pain, pain too much
    `,
    es: `
      ya no aguanto, no aguanto mas, no puedo mas, ya no puedo, no hay salida, sin salida, nada importa,
      no le importo a nadie, sin esperanza,
      no doy mas, ya no doy mas, nada tiene sentido, ya nada tiene sentido, no tiene sentido nada,
      se me cae el mundo, mi vida se derrumba, todo se derrumba, no aguanto esta vida, el dolor es demasiado,
      demasiado dolor
    `,
  },
  end_it: {
    en: 'end it, ending it, end this, finish it, be gone',
    es: 'acabar con esto, terminar con esto, acabar con, desaparecer',
  },
  /** Soon: tonight, today. */
  time_now: {
    en: `
      tonight, today, this weekend, tomorrow, right now, this is the night, soon
    `,
    es: `
      esta noche, hoy, manana, ahora mismo, pronto, este fin de semana
    `,
  },
  /** Others being better off. */
  better_off: {
    en: `
      better off, be better, be happier, happier, easier for everyone, be fine without
    `,
    es: `
      mejor, mas felices, mas tranquilos, estarian mejor
    `,
  },
  /** The customer gone, as a hypothesis. */
  gone_hyp: {
    en: `
      if i was not around, if i were not around, if i was gone, if i were gone, if i was not here,
      if i were not here, if i disappeared, without me, if i was dead, if i were dead, once i am gone,
      after i am gone,
      if i disappear, if i died, if i die
    `,
    es: `
      si yo no estuviera, si no estuviera, sin mi, si me muero, si desapareciera, cuando ya no este,
      si ya no estoy,
      si desaparezco, si me muriera, si me voy para siempre
    `,
  },
  /** Words that look like a death wish and are not. */
  not_self_harm: {
    en: `
      die my hair, die her hair, die his hair, die it, die the, die them, die this, die my,
      dying to, die laughing, died laughing, killing it, killed it, kill for, would kill for,
      ending my subscription, ending my membership, ending my plan, ending my contract, ending my account,
      end my subscription, end my membership, end my plan, end my contract, end my account,
      cutting down, cut down on, cutting back,
      is to die for, are to die for, was to die for, a _ to die for, cut my hair, cutting my hair,
      cut myself some slack, cut myself a slice, bungee, base jump*, skydiv*, cliff diving, trampoline,
      hammock, swing set, jump start, jump starter, tablets out of, tablet case, ipad,
      suicide sprints, suicide sprint, suicide drills, suicide runs, suicide squeeze, suicide doors,
      caffeine overdose, overdose of caffeine, overdose on caffeine, sugar overdose, overdose of sugar,
      overdose of good, overdose of cute, it off myself, them off myself, this off myself, that off myself,
      gone by the time, die cut, die cutting, die cast,
      coming back till, coming back until, come back till, come back until, back until, join her on, join him on,
      join them on, join her in, join him in, join her for, join him for, join her _ club, join his _ club,
      join her club, join his club, join her team, join his team,
      take _ off myself, take _ _ off myself, get _ off myself, get _ _ off myself, cut _ off myself,
      cut _ _ off myself, pull _ off myself, pull _ _ off myself,
      die laughing, nearly died laughing, almost died laughing, die of cold, freeze to death, freezing to death,
      die of heat, die of boredom, life is too short for, life is short for, no point ordering,
      no point in ordering, no point buying, no point in buying, no point getting, no point sending,
      suicide six, overdose energy,
      energy gel, see you next, see you soon, until next time, if i drop my, if i dropped my, drop my phone,
      drop my gps, drop it off a cliff
    `,
    es: `
      muero de risa, me muero de ganas, me muero de frio, me muero de calor, me muero de hambre, muero por,
      terminar mi suscripcion, terminar mi membresia, terminar mi plan, terminar mi contrato,
      acabar con mi suscripcion, acabar con mi contrato, subida me mato, caminata me mato, ruta me mato,
      excursion me mato, calor me mato, frio me mato, precio me mato, trabajo me mato,
      el pelo, el cabello, las unas, el flequillo, la barba, puenting, paracaidas, tirolesa, hamaca,
      columpio, no quiero seguir con el, no quiero seguir con la, no quiero seguir con un,
      no quiero seguir con una, no quiero seguir escribiendo, no quiero seguir hablando, seguir esperando,
      sobredosis de cafeina, sobredosis de azucar, sobredosis de cafe, me mato la subida, me mato la cuesta,
      me mato la caminata, me mato la ruta, me mato el calor, me mato el frio, me mataron los pies,
      me mataron las piernas, a la piscina, al agua, al lago, de la temporada, del verano, del invierno,
      volver hasta, regresar hasta, bajar hasta, morir de lo, morirme de lo, muero de lo, morir de verguenza, morir de la verguenza,
      morirme de verguenza, morir de envidia, morirme de envidia,
      me mato de la risa, me mato de risa, me mate de risa, me mate de la risa, matarme de risa,
      matarme de la risa, me mataba de risa, morirme de risa, morirme de la risa, morir de la risa,
      morirme de calor, morirme de frio, morir de calor, morir de frio, morirme de hambre, morirme de sed,
      morirme de aburrimiento, morir congelado, morir congelada, no quiero congelarme, no quiero pasar frio,
      la vida es muy corta para, la vida es corta para, la vida es demasiado corta para,
      no aguanto las ganas, ya no aguanto las ganas, no aguanto la espera, no tiene sentido pedir,
      no tiene sentido comprar, no vale la pena pedir, no vale la pena comprar, en la pelicula, la pelicula,
      el libro, el documental, hasta la proxima, nos vemos pronto, hasta pronto
    `,
  },
  /** Being a burden: said of oneself, a sign of suicidal thinking. */
  burden: {
    en: `
      burden to everyone, burden on everyone, burden to my family, burden on my family,
      burden to the people i love, burden to all, i am just a burden, everyone hates me, better off without me, waste of space,
      waste of oxygen,
      burden to everybody, burden on everybody, burden to everyone around, burden to the people around,
      burden to those around me, i am a burden, only a burden, such a burden
    `,
    es: `
      una carga para todos, una carga para mi familia, soy una carga, solo soy una carga, soy un estorbo, nadie me quiere,
      estorbo para todos,
      carga para los demas, carga para todos, una carga para, solo estorbo, soy un estorbo para
    `,
  },
  /** Saying goodbye for good: giving things away, goodbye letters. */
  farewell: {
    en: `
      giving away my stuff, giving away my things, giving away my belongings, gave away my things,
      gave away my stuff, goodbye letters, goodbye letter, goodbye note, suicide note, final goodbye,
      said goodbye to everyone, saying goodbye to everyone, not need it where i am going,
      not need them where i am going, not need anything where i am going, last goodbye,
      wrote letters to my kids, wrote letters to my family, writing letters to my kids,
      writing letters to my family, will not be here next month, will not be here next week,
      will not be here much longer, will not be around much longer,
      note for my family, note to my family, note for my kids, letter for my family, letters to everyone,
      letters to my, written the letters, written letters to, wrote letters to, left a note for my
    `,
    es: `
      regalando mis cosas, regale mis cosas, cartas de despedida, carta de despedida, me despedi de todos,
      despedirme de todos, despidiendome de todos, ultima despedida, ya no las voy a necesitar, ya no lo voy a necesitar, nota de despedida,
      no voy a estar aqui la semana que viene, no voy a estar aqui el mes que viene, ya no voy a estar aqui,
      escribi las cartas, ya escribi las cartas, cartas para mi familia, nota para mi familia,
      carta para mi familia, deje una nota para, ya no la voy a necesitar, me despedi de mis amigos,
      me despedi de mi familia
    `,
  },
  /** Thinking about something: with an ending, a sign of suicidal thinking. */
  contemplate: {
    en: `
      thinking about, thinking of, think about, thought about, been thinking, keep thinking, considering,
      planning to, planning on, plan to, fantasize about, tempted to, urge to
    `,
    es: `
      pienso en, pensando en, he pensado en, pense en, considerando, planeando, tengo ganas de, ganas de
    `,
  },
  /** Thoughts that will not stop. */
  contemplate_strong: {
    en: `
      can not stop thinking about, keep thinking about, always thinking about, obsessed with,
      thoughts of, thoughts about, intrusive thoughts
    `,
    es: `
      no dejo de pensar en, no puedo dejar de pensar en, pienso mucho en, pensamientos de, siempre pienso en
    `,
  },
  /** Dying, as a thought. */
  dying: {
    en: `
      dying, my death, being dead, my own death, ending my life
    `,
    es: `
      morir, morirme, mi muerte, estar muerto, estar muerta
    `,
  },
  /** Medication someone could take all of at once. */
  pills: {
    en: `
      pills, meds, medication, medications, sleeping pills, painkillers,
      tablets, sleeping tablets, paracetamol, acetaminophen, tylenol, ibuprofen, aspirin, antidepressants,
      sleeping meds, insulin, benzos, xanax, valium, diazepam, opioids, oxy, pill bottle, my meds, pill
    `,
    es: `
      pastillas, pastilla, medicamentos, medicinas, pildoras, somniferos, calmantes,
      paracetamol, ibuprofeno, aspirinas, antidepresivos, ansioliticos, clonazepam, diazepam, rivotril,
      tranquilizantes, =botiquin, frasco de pastillas, mis pastillas
    `,
  },
  /** Taking all of something at once, or having saved it up. */
  take_all: {
    en: `
      take them all, take it all, take all of them, swallow them all, taking them all, saved up,
      been saving, stockpiling, stockpiled, hoarding, all at once, whole bottle, the whole bottle,
      in front of me, lined up, counted out, counting them, all of my pills, all my pills, handful of,
      in my hand, in my hands, all of it, the rest of the
    `,
    es: `
      tomarmelas todas, tomarme todas, tomar todas, tomarlas todas, me las voy a tomar, juntando,
      guardando, todas juntas, todas de una, el frasco entero, todo el frasco,
      enfrente de mi, frente a mi, aqui conmigo, un punado de,
      en la mano, en las manos, tomarme todo, todo lo del
    `,
  },
  /** Ending everything: with thoughts of it, a sign of suicidal thinking. */
  end_things: {
    en: `
      end things, ending things, end everything, ending everything, end it all, ending it all, end my pain,
      end all of this
    `,
    es: `
      terminar con todo, acabar con todo, acabar con todo esto, terminar todo, acabar de una vez
    `,
  },
  /** Having taken medication (with an amount and `pills`: an overdose). */
  took: {
    en: `
      took, taken, have taken, just took, swallowed, swallowing, downed, popped, necked, overdid
    `,
    es: `
      me tome, me he tomado, me acabo de tomar, me trague, me he tragado, =tomarme, me bebi, me meti,
      me tomo, tome
    `,
  },
  /** More than a dose: "a bunch of", "the whole bottle", "20", "todas las". */
  quantity: {
    en: `
      a bunch of, bunch of, a lot of, lots of, loads of, a load of, a handful of, handful, too many, all of,
      all my, all the, all of my, the whole, whole bottle, whole box, whole pack, whole packet, whole strip,
      entire bottle, entire box, the rest of, every pill, every tablet, dozens, double, triple, =10, =12,
      =15, =16, =20, =24, =25, =30, =40, =50, =60, =100, twenty, thirty, forty, fifty, hundred
    `,
    es: `
      todas, todas las, todos los, todo el, todo lo, frasco entero, caja entera, toda la caja, todo el blister,
      un monton de, muchas, muchisimas, un punado, =10, =12, =15, =20, =25, =30, =40, =50, =60, =100,
      veinte, treinta, cuarenta, cincuenta, cien
    `,
  },
  /** On purpose, to feel, when it gets bad, till it bleeds: hurting oneself as a habit, not by accident. */
  deliberate: {
    en: `
      on purpose, deliberately, intentionally, to feel something, to feel anything, to feel better,
      to feel the pain, to punish myself, when it gets bad, when things get bad, when it gets too much,
      when things get too much, when it all gets too much, when i get anxious, when i get upset,
      when i get sad, when i am anxious, when i am sad, when i feel like this, till they bleed,
      until they bleed, till i bleed, until i bleed, till it bleeds, until it bleeds, till it bled,
      make myself bleed, made myself bleed, can not stop doing it, helps me cope, only thing that helps
    `,
    es: `
      a proposito, aproposito, adrede, queriendo, para sentir algo, para sentir, para castigarme,
      cuando me da ansiedad, cuando estoy ansiosa, cuando estoy ansioso, cuando estoy mal,
      cuando me siento mal, cuando me pongo mal, cuando estoy triste, hasta sangrar, hasta que sangran,
      hasta que sangra, hasta hacerme sangre, hasta sacarme sangre, no lo puedo parar, no puedo parar,
      lo unico que me ayuda
    `,
  },
  /** Hurting one's own body (with `deliberate`: self-injury). */
  self_act: {
    en: `
      hurt myself, cut myself, cutting myself, burn myself, burned my, burnt my, burn my, burning my,
      scratch my, scratching my, scratched my, scratch myself, scratching myself, hit myself, hitting myself,
      punch myself, punching myself, bang my head, banging my head, pick my skin, picking my skin,
      starve myself, starving myself, cutting, bruise myself, cut my, cutting my
    `,
    es: `
      me =corto, me =corte, me =queme, me =quemo, me =quema, =quemarme, me =rasguno, =rasgunarme,
      =rasgunandome, me =araño, me =arano, =aranarme, me =rasco, me =golpeo, =golpearme, me =lastimo,
      =lastimarme, me hago cortes, me hice cortes, =hacerme cortes, me =pego, me hago dano, me hice dano,
      me =muerdo
    `,
  },
  /** Standing to jump, or to throw oneself down or in front of something. */
  jump: {
    en: `
      jump, jumping, leap, leaping, throw myself, throwing myself, hurl myself, step off,
      drive off, driving off, drive my car off, walk off, step in front of, stepping in front of,
      stepped in front of, stand in front of, standing in front of, walk in front of, lie down on
    `,
    es: `
      =saltar, =saltare, =tirarme, =tirarse, =aventarme, =aventarse, me =tiro, me =aviento, =lanzarme,
      me =lanzo, me voy a tirar, me quiero tirar, me quiero aventar, se va a tirar, se quiere tirar,
      =arrojarme, me =arrojo, =tirarme delante, ponerme delante, pararme delante
    `,
  },
  /** Heights and traffic to jump from or in front of. */
  height: {
    en: `
      bridge, balcony, =roof, rooftop, =building, cliff, ledge, =window, tower, overpass, highest point,
      car park roof, top floor, a train, the train, a bus, a truck, a lorry, oncoming traffic, the tracks,
      train tracks, the motorway, the highway
    `,
    es: `
      =puente, =balcon, =techo, azotea, =edificio, acantilado, barranco, precipicio, =ventana, mirador,
      cornisa, torre, ultimo piso, del tren, al tren, el tren, al metro, del metro, las vias, las vias del tren,
      un camion, los coches, la autopista
    `,
  },
  /** Nearly did it: "almost stepped in front of it", "estuve a punto de tirarme". */
  near_miss: {
    en: `
      almost stepped in front of, nearly stepped in front of, almost jumped, nearly jumped, almost threw myself,
      nearly threw myself, almost drove off,
      nearly drove off, almost took them all, almost swallowed
    `,
    es: `
      casi me tiro, casi me aviento, casi salto, casi me lanzo, estuve a punto de tirarme,
      estuve a punto de saltar, a punto de tomarme
    `,
  },
  /** Into water and not stopping. */
  into_water: {
    en: `
      walk into the sea, walking into the sea, walk into the ocean, walking into the ocean, walk into the river,
      walking into the river, walk into the lake, walking into the lake, swim out and not
    `,
    es: `
      meterme al mar, meterme en el mar, adentrarme en el mar, caminar mar adentro, entrar al mar,
      meterme al rio, tirarme al rio, tirarme al mar
    `,
  },
  /** Not coming back (from a trip alone, a mountain, the sea). */
  not_return: {
    en: `
      not planning on coming back, not planning to come back, no plan to come back, no intention of coming back,
      not coming back down, not come back down, and not come back, and not coming back, and not stopping,
      and not stop, not coming back from it, not planning on coming back from, one way trip, one way ticket
    `,
    es: `
      a no volver, y no volver, no pienso volver, no pienso regresar, no pienso bajar, no voy a volver,
      para no volver, no voy a regresar, no pienso salir, sin volver, y no regresar, solo de ida
    `,
  },
  /** Alone, or to a wild place: with `not_return`, not a holiday. */
  alone_wild: {
    en: `
      alone, by myself, on my own, solo, solo trip, =mountain, mountains, the woods, the forest, the sea,
      the ocean, the desert, the cliff, the hills, into the hills, the moors, the wilderness, the backcountry,
      the bush, the lake, the river
    `,
    es: `
      =solo, =sola, yo solo, yo sola, =cerro, =monte, =montana, =bosque, =mar, =desierto, =acantilado,
      =montanas, =cerros, la sierra, =selva, =lago, =rio
    `,
  },
  /** The last act: "my last day", "mi última caminata". */
  final_act: {
    en: `
      as my last day, my last day on earth, my last day alive, last day on earth, my last hike, my last trip,
      my last walk, last thing i needed to sort, last thing i need to sort, this is my last order,
      my final day, the last thing i will buy
    `,
    es: `
      mi ultimo dia, mi ultimo dia en este mundo, mi ultima caminata, mi ultimo viaje, mi ultima salida,
      lo ultimo que me faltaba, mi ultimo pedido, lo ultimo que voy a comprar
    `,
  },
  /** Decided, with a plan. */
  decided: {
    en: `
      i have decided, i decided, decided, my mind is made up, i have a plan, got a plan, made a plan,
      picked, chosen, set the date, it is decided
    `,
    es: `
      ya lo decidi, lo tengo decidido, lo decidi, ya decidi, tengo un plan, ya tengo un plan, ya elegi,
      ya esta decidido, lo tengo planeado
    `,
  },
  /** Doing "it" (with a time, a plan or a farewell: an attempt). */
  do_it: {
    en: `
      going to do it, gonna do it, how i would do it,
      how i could do it, how to do it, how to end it, just need to do it, get it over with, going through with it
    `,
    es: `
      lo voy a hacer, voy a hacerlo, hacerlo esta noche, lo hago esta noche, esta noche lo hago, como hacerlo,
      como lo haria,
      como lo voy a hacer, solo falta hacerlo, falta hacerlo, acabar de una vez
    `,
  },
  /** Wanting someone to know, as a last message. */
  someone_know: {
    en: `
      wanted someone to know, want someone to know, needed someone to know, just wanted someone to know,
      someone should know
    `,
    es: `
      que alguien supiera, que alguien lo sepa, que alguien lo supiera, que alguien sepa
    `,
  },
  /** Searching for a way to die. */
  method_search: {
    en: `
      painless ways to die, painless way to die, painless way to go, painless ways to go, =painlessly, ways to die, way to die, how to kill myself, quickest way to die,
      easiest way to die, least painful way, how many would it take, how many does it take to die,
      knock me out for good, put me to sleep for good, put me to sleep forever
    `,
    es: `
      formas de morir, forma de morir, maneras de morir, manera de morir, morir sin dolor, sin sufrir,
      no quiero sufrir, como matarme, cuantas hacen falta, cuantas pastillas hacen falta, la forma mas rapida de
    `,
  },
  /** Suffocating or poisoning oneself. */
  asphyxiate: {
    en: `
      suffocate myself, suffocate yourself, suffocate me, gas myself, poison myself, poisoning myself,
      garage with the engine running, in the garage with the engine, engine running in the garage,
      closed car with, inside my closed car, car with the windows up, hose from the exhaust
    `,
    es: `
      =intoxicarme, =asfixiarme, =envenenarme, =ahogarme con, encerrarme en el coche, encerrarme en el carro,
      encerrarme en el auto, =encerrarme con, en el coche cerrado, en el carro cerrado, con el motor encendido
    `,
  },
  /** Means of suicide someone could buy or have. */
  means: {
    en: `
      rope, =cord, noose, knife, blade, razor, razors, gun, pistol, rifle, firearm, hatchet, axe, gas canister,
      gas canisters, charcoal, stove, pills, tablets
    `,
    es: `
      =cuerda, =soga, cuchillo, navaja, cuchilla, arma, pistola, escopeta, =hacha, hornillo, estufa,
      garrafa, =gas, pastillas
    `,
  },
  /** The buyer means it for themselves. */
  self_target: {
    en: `
      for myself, for me not for, it is for me, its for me
    `,
    es: `
      es para mi, para mi mismo, para mi misma
    `,
  },
  /** Not saying what it is for. */
  secretive: {
    en: `
      not for climbing, not for camping, do not ask why, not ask why, rather not say, asking for a reason,
      no questions asked
    `,
    es: `
      no es para acampar, no es para escalar, no preguntes para que, no preguntes por que, mejor no digo para que,
      mejor no pregunten
    `,
  },
  /** Used on oneself: "anyone but me", "usarla en mí". */
  self_target_strong: {
    en: `
      using it on anyone, use it on anyone, using it on anybody, use it on anybody, anyone except me,
      use it on myself, use it on me, using it on myself, on myself
    `,
    es: `
      usarla en mi, usarlo en mi, usarla contra mi, usarlo contra mi, usarla conmigo, usarlo conmigo,
      en mi mismo, en mi misma, contra mi mismo, contra mi misma
    `,
  },
  /** Hanging: a rope holding a person. */
  noose: {
    en: `
      noose, weight of a grown man, grown man weight, hold a grown man, hold a person hanging,
      weight of a person hanging, to the beam, from the beam, sitting under it
    `,
    es: `
      nudo corredizo, la horca, persona colgada, peso de una persona colgada, a la viga, de la viga,
      sentado debajo, sentada debajo
    `,
  },
  /** Lacking only the courage. */
  courage: {
    en: `
      the courage to, the nerve to, just need the courage, need the guts, the guts to, working up the courage
    `,
    es: `
      falta el valor, me falta valor, me falta el valor, el valor para, el valor de hacerlo, nomas falta el valor,
      solo falta el valor, juntar valor
    `,
  },
  /** Gone and nobody would notice or care. */
  unnoticed: {
    en: `
      no one would notice, nobody would notice, nobody will notice, no one will notice, nobody would care,
      no one would care, nobody will miss me, no one will miss me, nobody would miss me, no one would miss me
    `,
    es: `
      nadie lo va a notar, nadie lo notaria, nadie se daria cuenta, nadie se va a dar cuenta,
      nadie me va a extranar, nadie me extranaria, a nadie le va a importar
    `,
  },
  /** Joining someone who died. */
  join_them: {
    en: `
      go and join him, go and join her, go join him, go join her, to join him, to join her, join him,
      join her, join them, be with him again, be with her again, be with them again, join my husband,
      join my wife, join my son, join my daughter
    `,
    es: `
      reunirme con el, reunirme con ella, irme con el, irme con ella, estar con el otra vez,
      estar con ella otra vez, estar con el de nuevo, estar con ella de nuevo, alcanzarlo, alcanzarla
    `,
  },
  /** A death: the person one wants to join is gone. */
  departed: {
    en: `
      =gone, passed away, passed last, passed in, passed recently, died, is dead, no longer with us, lost my
    `,
    es: `
      se fue, se murio, fallecio, murio, perdi a, ya no esta
    `,
  },
  /** Saying goodbye (by itself, often harmless). */
  /** Thanks for past kindness said in a goodbye: "you were always nice to me on here". */
  kind_to_me: {
    en: `
      you were always nice to me, you were always kind to me, you have always been nice to me,
      you have always been kind to me, always been good to me, always been so kind to me, always been so nice to me,
      you were the only ones nice to me, always treated me well
    `,
    es: `
      siempre fueron amables conmigo, siempre han sido amables conmigo, siempre fueron buenos conmigo,
      siempre me trataron bien, siempre han sido buenos conmigo, siempre fueron muy amables conmigo,
      fueron los unicos amables conmigo
    `,
  },
  farewell_weak: {
    en: `
      goodbye, good bye, bye forever, goodbye forever, say goodbye, said goodbye, saying goodbye,
      wanted to say goodbye, texted me goodbye, said my goodbyes
    `,
    es: `
      adios, =despedirme, despidiendose, despidiendome, me despedi, se despidio, quise despedirme,
      queria despedirme, adios para siempre
    `,
  },
  /** Not answering after a goodbye. */
  unreachable: {
    en: `
      is not answering, not answering, not picking up, not replying, not responding, can not reach
    `,
    es: `
      no contesta, no responde, no me contesta, no me responde, no lo puedo localizar, no la puedo localizar
    `,
  },
  /** Soon gone, not needing things: a veiled goodbye. */
  not_around: {
    en: `
      not be around to use, not be around to see, not be around to wear, not be around to enjoy,
      not be around for it, not plan to be here, not planning to be here, not planning on being here,
      leaving for good, where i am going,
      not going to matter after, not gonna matter after, will not matter after, will not be a problem for anyone,
      not be a problem much longer, after i am gone
    `,
    es: `
      no voy a ser problema, no voy a ser un problema, no voy a ser una carga,
      no va a importar despues, cuando me muera, a donde voy, adonde voy
    `,
  },
  /** Not needing one's things any more. */
  wont_need: {
    en: `
      will not need it, will not need anything, will not need money, will not need them, will not need any,
      not going to need, not need anything, not need money, will not be needing
    `,
    es: `
      no la voy a necesitar, no lo voy a necesitar, no los voy a necesitar, no las voy a necesitar,
      no voy a necesitar, no voy a necesitar nada
    `,
  },
  /** Nothing matters: "whatever", "da igual". */
  doesnt_matter: {
    en: `
      does not matter, it does not matter, whatever, anyway, anyways, who cares
    `,
    es: `
      no importa, da igual, me da igual, igual, total, que mas da
    `,
  },
  /** Life as what one cannot bear: with `despair`, a death wish ("no aguanto esta vida"). */
  life_word: {
    en: 'this life, my life, =life, =living',
    es: 'esta vida, mi vida, =vida, =vivir',
  },
};

/** Legal threats. */
const LEGAL: LexiconData = {
  legal_action: {
    en: `
      sue you, sue your, sue the, sue them, sue this, sue u, sue for, sue over, will sue, to sue, gonna sue,
      going to sue, could sue, =sued, =suing, lawsuit~, legal action, legal proceedings, legal steps,
      legal route, class action, small claims, litigation, litigate, subpoena, take you to court,
      take this to court, take it to court, take them to court, take the company to court, see you in court,
      court case, in court, to court, breach of contract, cease and desist, legal case, legal claim,
      pursue legally, legal notice, formal notice, notice of intent, letter before action, demand letter,
      hold you liable, you are liable, negligence claim, sue for damages, legal consequences, legal recourse,
      file a case, file suit, take legal, legal proceeding, proceed legally, legally pursue,
      case against you, case against your, case against the company, claim against you, claim against your, seek damages, seeking damages, claim damages, claiming damages, punitive damages, damages claim, compensation claim against, sue you for, file charges, press charges, pressing charges, legal claim against,
      i sue, or i sue, we sue, or we sue, i shall sue, go legal, going legal, get legal, issue proceedings,
      court proceedings, start proceedings, begin proceedings, initiate proceedings, served papers, been served,
      served with papers, court papers, through legal channels, via legal channels, legal channels, legal avenues,
      legal remedies, legal demand, notice of claim, claim for damages, letter of demand, letter before claim,
      county court, district court, magistrates court, civil court, claims court, consumer court, disputes tribunal,
      consumer tribunal, employment tribunal, next stop is court, next stop is the courts, formal dispute,
      notice of a dispute, reserving all my rights, reserve all my rights, reserving my rights, reserve my rights,
      unfair dismissal, wrongful dismissal, wrongful termination, subject access request, pursue damages,
      pursuing damages, serve the claim, serve a claim, serve papers, serve the papers, serve proceedings,
      serve you with, who do i serve,
      data subject request, data subject access request, dsar, =sar request, formal complaint against
    `,
    es: `
      =demandar, =demandare, =demandaremos, =demandarlos, =demandarles, =demandarla, =demandarlo, =demandarte,
      =demando, poner una demanda, interponer una demanda, presentar una demanda, una demanda contra,
      demanda judicial, demanda legal, demanda colectiva, accion legal, acciones legales, acciones judiciales,
      via legal, vias legales, tribunal, tribunales, juzgado, a juicio, llevar a juicio, proceso legal,
      medidas legales, denunciar, denunciarlos, denuncia, los denuncio, querella, aviso legal,
      notificacion legal, consecuencias legales, responsabilidad legal, por la via legal, instancias legales,
      =legalmente, =judicialmente,
      caso contra ustedes, reclamacion judicial, danos y perjuicios, indemnizacion por danos, levantar una denuncia, poner una denuncia, presentar cargos, demanda por danos,
      via judicial, vias judiciales, instancias judiciales, proceso judicial, orden judicial, por la via judicial,
      en un juicio, terminar en juicio, terminara en juicio, un juicio contra, juicio legal, acabar en juicio,
      un juicio, cese y desista, cese y desistimiento, carta notarial, carta documento, burofax, requerimiento notarial,
      notificacion notarial, acta notarial, meter una demanda, meterles una demanda, meterle una demanda,
      les meto una demanda, pongo una demanda, les pongo una demanda, le pongo una demanda, interpongo la demanda,
      interpongo una demanda, interponer la demanda, entablar una demanda, levantar una demanda, recibi una demanda,
      llego una demanda, una demanda por, procedimiento judicial, procedimiento legal, accion de tutela,
      una tutela, derecho de peticion, recurso de amparo, hoja de reclamaciones, libro de reclamaciones,
      hoja de reclamacion, libro de quejas, small claims, demanda de pequena cuantia, proceso monitorio,
      juicio monitorio, despido injustificado, despido improcedente, citacion judicial, citatorio,
      citacion a juicio, tienen que declarar, requerimiento judicial, requerimiento fiscal, oficio judicial,
      reclamacion formal contra, carta de mi abogado, via civil, via penal, demanda civil, demanda penal,
      denuncia penal, =penalmente, me reservo el derecho, me reservo las acciones, me reservo mis derechos
    `,
  },
  legal_actor: {
    en: `
      lawyer, lawer, laywer, attorney~, solicitor~, barrister, legal team, legal counsel, legal department,
      law firm, legal advice, legal aid,
      legal representative, legal representatives, legal rep, legal representation, my counsel, legal advisor, legal adviser, paralegal,
      legal dept, legal insurance, legal expenses insurance, represent a client, represent my client,
      on behalf of my client, our client
    `,
    es: `
      abogado~, abogada~, abogados, abogao, licenciado, bufete, despacho de abogados, asesoria legal,
      asesor legal,
      representante legal, mi representante legal, apoderado, apoderada,
      departamento juridico, departamento legal, area legal, area juridica, juridico, equipo legal, un despacho,
      despacho juridico, despacho legal, asesoria juridica,
      represento a un cliente, represento a una clienta, en representacion de, mi representado, mi representada
    `,
  },
  /** The law and rights the customer invokes: with a threat to pursue it, a legal threat. */
  law: {
    en: `
      consumer law, the law, against the law, illegal, illegally, unlawful, unlawfully, my rights, my legal rights,
      statutory rights, consumer rights act, consumer protection law, violation of, in breach of, breach of,
      breaking the law, fraudulent practice, false advertising, entitled to compensation,
      violating, violate, violated, violates, consumer rights, trade descriptions, misrepresentation, fraudulent, deceptive practices, unfair practices,
      =court, =courts, =judge, next step is court, day in court,
      consumer act, consumer guarantees act, consumer protection act, australian consumer law, eu law, under the law,
      you breached, you have breached, breached the, breaches the, breaching the, enforce my rights,
      negligence, negligent
    `,
    es: `
      la ley, contra la ley, ilegal, ilegalmente, mis derechos, derechos del consumidor, violacion de,
      incumplimiento de contrato, publicidad enganosa, fuera de la ley,
      violando, violan, violaron, violacion, practicas enganosas, abusivo, abusiva, clausula abusiva,
      =juez, =jueza, =tribunal, =corte,
      ley del consumidor, estatuto del consumidor, codigo de consumo, ley de defensa del consumidor, ley federal
    `,
  },
  /** Threatening to take a matter further. */
  pursue: {
    en: `
      pursue it, pursue this, pursue the matter, will pursue, take this further, take it further,
      taking this further, take further action, taking it further, escalate this legally, will not let this go,
      see this through, all the way,
      take action, taking action, intend to take action, take measures, take steps, legally, legal means, through legal channels, hears about it, will be hearing about this, not the end of this, this is not over,
      next step, my next step, my next move, the next step is,
      will hear about this, will hear about it, going to hear about this, will be hearing about it, enforce it,
      will enforce, pursuing compensation, pursue compensation, seek compensation, seeking compensation,
      pursuing recovery, pursue recovery, strong case, be filing, filing something, file something, next stop,
      already drafted, have drafted, drafting the
    `,
    es: `
      llegar hasta el final, hasta las ultimas consecuencias, no lo voy a dejar asi, no me voy a quedar asi,
      voy a reclamar, hacer valer, lo voy a llevar mas lejos, voy a proceder,
      tomar medidas, tomare medidas, emprender acciones, esto no se queda asi, esto no termina aqui, no se van a salir con la suya,
      siguiente paso, mi siguiente paso, proximo paso,
      va a saber de esto, van a saber de esto, sabra de esto, sabran de esto, se van a enterar, se va a enterar,
      hacer valer mis derechos, procedere, no es amenaza, tengo caso, tenemos caso
    `,
  },
  /** Bringing in a lawyer: "my lawyer", "contacted an attorney", "hear from my solicitor". */
  legal_involve: {
    en: `
      my, our, contact, contacted, consult, consulted, consulting, speak to, speaking to, speak with,
      spoke to, talk to, talked to, talking to, hear from, in touch, get, getting, hire, hiring, call,
      instructed, instruct, instructing, retained, engaged, appointed, have a, got a,
      involve, involved, advised, will, going to, advice from, forward,
      spoken to, spoken with, been to, been in touch with, seen a, see a, going to see, consulted with, retain, retaining, lawyered up, lawyer up, my own,
      spoke with, gone to, went to, contact with your, in touch with your, handled by
    `,
    es: `
      mi, nuestro, contactar, consultar, consulte, hablar con, hable con, comunicar, comunique, contratar,
      llamar, asesorar, va a, se va a, voy a, ya, con un, pasar a,
      ya hable con, he hablado con, consulte con, contrate, ya contrate, ya tengo, tengo un, tengo una, mi propio, mi propia,
      en contacto con su, contacto con su, con quien de su, fui con, voy con, con el
    `,
  },
  regulator: {
    en: `
      =bbb, better business bureau, =ftc, attorney general, consumer protection, consumer rights,
      trading standards, ombudsman, regulator, consumer affairs, authorities, police, =cfpb, consumer council,
      citizens advice,
      =ico, information commissioner, data protection authority, gdpr complaint, consumer watchdog, watchdog, chamber of commerce, consumer agency, state attorney, consumer ombudsman, credit card company dispute,
      federal trade commission, =accc, competition and consumer commission, fair trading, department of fair trading,
      financial ombudsman, financial conduct authority, =fca, competition and markets authority, advertising standards,
      consumer advocate, data protection commission, data protection commissioner, privacy commissioner, =oaic, =cnil, =aepd,
      consumer commission, national consumer commission, consumer protection commission, consumer protection council,
      =fccpc, =dti, department of trade, consumer tribunal, disputes tribunal, consumer court, consumer forum,
      labour board, labor board, employment tribunal, =acas, =sernac, =profeco, =indecopi, state ag,
      attorney general office
    `,
    es: `
      =profeco, =condusef, =ocu, consumo, defensa del consumidor, proteccion al consumidor, autoridades,
      policia, fiscalia, oficina del consumidor, derechos del consumidor, sernac, indecopi,
      defensoria del consumidor, oficina de proteccion, organismo de consumo, autoridad de consumo, consumidores,
      =sic, superintendencia, =omic, junta arbitral, arbitraje de consumo, junta de conciliacion, inspeccion de trabajo,
      ministerio de trabajo, =aepd, agencia de proteccion de datos, agencia espanola de proteccion de datos, =inai,
      =facua, procuraduria, direccion de comercio, better business bureau, attorney general, =bbb, =ftc,
      ministerio publico
    `,
  },
  report: {
    en: `
      report, reporting, file a complaint, filing a complaint, complaint with, complain to, lodge a complaint,
      take this to, escalate this to, contact, going to, will,
      complaint filed with, formal complaint, claim with, reporting you to, opened a case with, open a case with,
      opening a case with
    `,
    es: `
      denunciar, denunciarlos, reportar, reportarlos, queja ante, quejarme ante, poner una queja, acudir a,
      ir a, voy a, reclamacion ante, ante,
      puse la queja, puse una queja, levante queja, levantar queja, levantar una queja, fui a, queja formal,
      reclamacion formal, procedimiento de reclamacion, queja en, reportarlos a, reportarte a, levante el acta,
      levantar un acta, levantar acta
    `,
  },
  /** A data-protection law or right: with a formal demand, a legal request the business must answer. */
  data_law: {
    en: `
      =gdpr, =ccpa, =cpra, =lgpd, =popia, =pipeda, data protection act, data protection law, data protection laws,
      privacy act, privacy law, privacy laws, right to erasure, right to be forgotten, right of access,
      right to access my data, subject access, data subject, article 15, article 17, =dsar
    `,
    es: `
      =rgpd, =gdpr, =lopd, =lopdgdd, =ccpa, ley de proteccion de datos, ley de datos personales, habeas data,
      derecho al olvido, derecho de acceso, derecho de supresion, derecho de rectificacion, derecho de oposicion,
      derechos arco, derecho arco, articulo 15, articulo 17, art 15, art 17
    `,
  },
  /** Demanding formally, as the law allows: "I request", "under", "ejerzo mi derecho", "por escrito". */
  formal_demand: {
    en: `
      i request, i am requesting, i hereby, i demand, i formally, formal request, formally request, this is a formal,
      under my right, under article, pursuant to, in accordance with, delete all my, erase all my, confirm in writing, in writing,
      i want you to delete, i want you to erase, within one month, within 30 days, disclose, please provide,
      provide every, provide all, send me all, send all my, copy of all, every record
    `,
    es: `
      ejerzo, ejercer, ejercicio del, solicito, exijo, por escrito, segun, conforme a, de acuerdo al, de acuerdo con,
      en virtud de, al amparo de, plazo legal, tienen un mes, tienen 30 dias, eliminen todos mis, borren todos mis
    `,
  },
  /** Taking the money back through the bank: a chargeback. */
  chargeback: {
    en: 'chargeback, chargebacks, charge back, charged back, reverse the charge, reverse the payment',
    es: `
      contracargo, contracargos, retrocargo, chargeback, desconocer el cargo, desconocer la compra,
      desconocer el cobro, anular el cargo con
    `,
  },
  /** Disputing a payment. */
  dispute: {
    en: 'dispute, disputing, disputed, dispute it, dispute this, dispute the charge, dispute the payment',
    es: 'disputa, disputar, disputando, disputo, desconocer, desconocerlo, reclamo ante, reclamar ante',
  },
  /** Who a payment is disputed with. */
  bank_party: {
    en: `
      my bank, the bank, my credit card company, credit card company, my card company, card company, card issuer,
      card provider, my card provider, my card issuer, paypal, visa, mastercard, amex
    `,
    es: 'mi banco, el banco, mi tarjeta, la tarjeta, emisor de la tarjeta, paypal, visa, mastercard',
  },
  /** About to do it, or done: "I will", "doing a", "I've opened", "voy a hacer". */
  about_to_file: {
    en: `
      will, going to, gonna, about to, doing, do a, opened, open, opening, filed, file, filing, started, start,
      starting, initiate, initiated, raise, raised, raising, lodge, lodged, submitted, submit, issue, issued, have
    `,
    es: `
      voy a, vamos a, hare, hice, haremos, abri, abrire, ya, iniciar, inicie, iniciare, presentar, presente,
      solicitar, solicite, meter, poner, puse, tramitar, tramite, pedir, pedi
    `,
  },
  /** Where a legal matter is heard. */
  legal_forum: {
    en: `
      =court, =courts, =judge, =judges, tribunal, tribunals, arbitration, arbitrator, small claims, magistrate,
      magistrates, =jury
    `,
    es: '=juez, =jueza, =jueces, tribunal, tribunales, juzgado, juzgados, =corte, =cortes, arbitraje, juicio, =jurado',
  },
  /** Taking a matter to a court or judge: "goes straight to a judge", "nos vemos en la corte". */
  to_forum: {
    en: `
      go to, =go, going to, goes to, went to, take this to, take it to, take you to, taking you to, taking this to,
      taking it to, straight to, carry, see you in, see you at, meet you in, end up in, ends up in, next stop,
      next stop is, before a, in front of a, in front of the, heard by
    `,
    es: `
      nos vemos en, los veo en, ver en, vernos en, ir a, voy a ir a, acudir a, acudo a, llevar a, llevarlo a, llevarlos a, llevarla a,
      llevo a, los llevo a, terminar en, terminara en, va a, lo va a ver, lo vera, ante un, ante el, ante la,
      directo a, directo al, hasta el, hasta la
    `,
  },
  /** A formal document or request from a court or an authority: "requerimiento de Fiscalía", "a court order". */
  legal_doc: {
    en: 'letter, notice, summons, papers, documents, warrant, subpoena, case number, hearing, court order',
    es: `
      requerimiento, notificacion, citacion, citatorio, oficio, carta, papeles, documentos, expediente,
      audiencia, diligencia
    `,
  },
  /** Asking what the law says, not invoking it: "is it legal to…", "what are my rights if…". */
  /** The law cited as a fact ("the law says 2 years"): offsets `law` alone, not a threat. */
  law_cited: {
    en: 'the law says, law says, by law it is, legally it is, the law gives, under the law it is',
    es: 'la ley dice, segun la ley, por ley son, por ley es, la ley da, la ley establece',
  },
  legal_question: {
    en: `
      is it legal to, is it legal for, is this legal to, is it legal in, is it even legal to, am i entitled,
      am i legally entitled, what are my consumer rights, what are my rights, what rights do i have,
      what are my legal rights, do i have the right, does the law, override my, on top of them, what does that cover,
      what does it cover, what does that mean, does consumer law, does the consumer, explain the legal,
      legal terms of, my receipt says, the receipt says, the invoice says, subject to statutory rights,
      your gdpr forms, gdpr form, where is the form, how can i request, how do i make a, how do i request,
      privacy policy, do you comply, are you compliant
    `,
    es: `
      es legal que, es legal llevar, es legal revender, es legal vender, es legal comprar, es legal enviar,
      cuales son mis derechos, que derechos tengo, tengo derecho a reembolso si, aplica tambien, que quiere decir,
      que significa, la ley aplica, aplica la ley, es obligatorio por ley, en la factura pone, la factura dice,
      en el ticket pone, sin perjuicio de, formulario de derechos, formulario para, me pueden mandar el formulario,
      como puedo solicitar, como solicito, como pido, politica de privacidad, cumplen con, cumplen el
    `,
  },
  /** Courts that are not law: "court shoes", "basketball court", "a mi juicio" (in my opinion). */
  court_lookalike: {
    en: 'court shoes, court shoe, basketball court, tennis court, food court, court sneakers, on court',
    es: 'a mi juicio, en mi juicio, buen juicio, sin juicio, tribunal de moda',
  },
  /** "my lawyer friend", "soy abogada": a lawyer who is not coming after the business. */
  not_legal: {
    en: `
      lawyer friend, attorney friend, lawyer husband, lawyer wife, for my lawyer, lawyer who, recommended,
      suit for, law office, for the office, for my office, our office, attorney at, i am a lawyer and, lawyer here,
      gift for my lawyer, is a fan, as a witness, jury duty, legal thriller, law school, law student, studying law,
      parking ticket, speeding ticket, named sue, called sue, name is sue, is sue, sue the name, ask for sue,
      lawsuit proof, for the invoice, for the law firm, for our law firm, i am a judge, retired judge,
      had to go to court, have to go to court, court date for my, parking fine, speeding fine, traffic fine,
      jury service, lawyer costume, judge costume, print of a,
      present for my, a present for, gift for my, birthday present for,
      lawyer friend says, solicitor friend, barrister friend
    `,
    es: `
      soy abogado, soy abogada, para mi abogado, amigo abogado, amiga abogada, trabajo, para el despacho,
      para mi despacho, para nuestro despacho, en el despacho, del despacho,
      me recomendo, nos recomendo, le quiero =regalar, =regalarle, es fan, y yo vamos, como testigo, de jurado,
      denuncia de trafico, denuncia de transito, multa de trafico, novela de abogados, estudiante de derecho,
      estudio derecho, soy juez, soy jueza, juez jubilado, jueza jubilada, tuve que ir al juzgado,
      tengo que ir al juzgado, tuve que ir a juicio, tengo que ir a juicio, tuve juicio, tengo juicio,
      estampado de, disfraz de,
      descuento a colegiados, abogado friend, abogada friend, amigo que es abogado, amiga que es abogada, un amigo abogado,
      una amiga abogada, regalo para mi abogado, regalo para mi abogada
    `,
  },
};

/** Legal look-alikes, message-wide: passing by a court, sarcasm about having a lawyer. */
const LEGAL_LOOKALIKES: LexiconData = {
  /** Being at or near a court on an errand: "paso saliendo del tribunal", "on my way from court". */
  court_errand: {
    en: `
      on my way from court, on my way to court, coming from court, coming out of court, leaving court,
      near the court, next to the court, by the courthouse, near the courthouse, next to the courthouse,
      opposite the courthouse, across from the courthouse, i work at the court, i work at the courthouse
    `,
    es: `
      saliendo del tribunal, saliendo del juzgado, saliendo de los juzgados, vengo del juzgado, vengo del tribunal,
      paso por el juzgado, paso por el tribunal, cerca del juzgado, cerca del tribunal, frente al juzgado,
      frente al tribunal, al lado del juzgado, al lado del tribunal, trabajo en el juzgado, trabajo en los juzgados,
      trabajo en el tribunal
    `,
  },
  /** Being something: with a relative and a lawyer, "my sister is a barrister" (not "my lawyer"). */
  is_a: {
    en: 'is a, is an, works as a, works as an, =are',
    es: '=es, =son, trabaja de, trabaja como',
  },
  /** Sarcasm about having a lawyer: "as if I had a lawyer to read your small print". */
  as_if: {
    en: `
      as if i have, as if i had, like i have a, like i had a, yeah because i have, sure because i have,
      because i totally have, because i definitely have, not like i have
    `,
    es: `
      claro porque yo tengo, claro porque tengo, como si tuviera, como si yo tuviera, ni que tuviera,
      ni que yo tuviera, como que tengo, ni que fuera
    `,
  },
};

/** Fraud and account security. */
const SECURITY: LexiconData = {
  breach: {
    en: `
      data breach, security breach, =breached, were breached, was breached, data leak, leak site, phishing~, phish, phished, identity~ theft,
      stolen identity, identity was stolen, identity fraud, account takeover, =hacked, =hacker, =hackers,
      =hacking, hacked into, fraud, fraudulent~, sold my data, selling my data, shared my data,
      sharing my data, sold my information, sold my details, fraudster, fraudsters, skimmed, skimming,
      spoofed, spoofing, impersonating, pretending to be you, pretending to be from, claiming to be you,
      claiming to be from, malware, keylogger, ransomware, unauthorized access, unauthorised access,
      been scammed, got scammed, was scammed, scammed me, posing as you, posing as your, pretending to be your, impersonating your, fake version of your, fake account of your, fake website, fake site, clone of your site, compromised account, account was compromised, account compromised, emptied my account, drained my account, emptied my card, drained my card,
      identity thief, identity thieves, id theft, id thief,
      sim swap, sim swapped, sim was swapped, sim card was swapped, sim was moved, sim was ported, number was ported,
      scammer, scammers, impostor, impostors, imposter, imposters, con artist, conman, sim swapping
    `,
    es: `
      hackearon, hackeo, hackeada, hackeado, hackear, jaquearon, hakearon, =filtracion, =filtraciones,
      =filtraron, datos =filtrados, fuga de datos, brecha de seguridad, robo de identidad,
      robaron la identidad, robaron mi identidad, me robaron la identidad, suplantacion, suplantaron,
      suplantando, phishing, fraude, fraudulento, fraudulenta, haciendose pasar, se hacen pasar,
      hacerse pasar, acceso no autorizado,
      me estafaron, fui estafado, fui estafada, se hacen pasar por ustedes, haciendose pasar por ustedes, pagina falsa, sitio falso, cuenta falsa, me vaciaron la cuenta, me vaciaron la tarjeta, vaciaron mi cuenta, vaciaron mi tarjeta, cuenta comprometida,
      ladron de identidad, ladrones de identidad,
      identity theft, se hace pasar, se hizo pasar, se hacia pasar, duplicaron mi chip, duplicaron el chip,
      me duplicaron el chip, duplicaron mi sim, clonaron mi chip, duplicado de sim, estafador, estafadores,
      estafadora, timador, timadores, impostor, impostora, farsante
    `,
  },
  /** Words that make "leak", "breach" or "theft" about data. */
  data: {
    en: `
      data, details, personal details, info, information, personal information, password, passwords, login,
      credentials, card, card details, card number, account, email address, identity, ssn, social security,
      bank details, pin, security, credit card, debit card,
      address, home address, phone number, database, customer database, customer list, customer records,
      customer data, emails and passwords
    `,
    es: `
      datos, dato, informacion, contrasena, clave, tarjeta, cuenta, correo, identidad, datos personales,
      datos bancarios, usuario, nip,
      direccion, base de datos, lista de correos, lista de clientes, lista de usuarios, datos de clientes,
      correos y contrasenas
    `,
  },
  leak: {
    en: `
      leak, leaks, leaked, breach, exposed, stolen, stole, steal, theft, dark web, compromised, cloned,
      skimmed, published, posted online,
      for sale on, up for sale, being sold on, sold on a forum, on a forum, on a hacker forum, in a data dump,
      on pastebin, published online, being sold online, sold online, for sale online
    `,
    es: `
      robaron, robo, robado, robada, robados, roban, expuestos, expuesto, =vendieron, =vendio, =vendido,
      =vendidos, =vendida, =vendidas, =vendiendo, =filtrado, =filtrados,
      =filtrada, =filtradas, =filtraron, clonaron, clonada, comprometido, comprometida, hurtaron,
      publicados en internet, publicadas en internet, publicados en, en un foro, a la venta en, en la dark web,
      circulando en internet
    `,
  },
  /** Done without the customer's consent: strong alone next to an account, a card or data. */
  without_consent: {
    en: `
      unauthorized~, unauthorised~, without my permission, without my consent, without my knowledge,
      without permission, was not me, not by me, without authorization, without authorisation,
      without telling me, without asking me, without my knowing, behind my back
    `,
    es: 'no autorizado, no autorizada, sin mi permiso, sin permiso, sin autorizacion, sin mi consentimiento, no fui yo, yo no fui, sin avisarme, sin decirme, sin preguntarme, a mis espaldas',
  },
  /** Verbs whose (unsaid) subject is a stranger: "usaron mis datos". Exact: "cambio" is not "cambiaron". */
  they_did: {
    en: 'they used, they got into, they accessed, they changed, they opened, they stole, they hacked, who is accessing, who is using, who accessed, who used my, who has been using, who has been accessing, who is logging into, who logged into',
    es: `
      =usaron, =entraron, =accedieron, =cambiaron, =abrieron, =hicieron compras, =compraron con, =robaron,
      =clonaron, =hackearon, =vaciaron, se =metieron, me la robaron, me lo robaron
    `,
  },
  unauthorized: {
    en: `
      unauthorized, unauthorised, did not make, did not authorize, did not authorise, not authorized,
      did not approve, did not order, did not place, did not buy, never made, never ordered, never placed,
      never authorized, never bought, not recognize, not recognise, can not recognize, no idea what,
      was not me, not mine, without my permission, without my consent, without my knowledge,
      without permission, not me, not us, not authorised, never authorised, neither was me,
      none of them were me, none were mine, not by me, i did not do,
      never purchased, did not purchase, never authorised, never made that, not something i bought, not something i ordered,
      did not change it, did not change that, never changed, know nothing about, do not know about, no idea about, never seen before, not aware of, i only made one, only made one, only ordered one, only bought one, only paid once,
      nobody made, nobody here made, no one made, no one here made, nobody ordered, no one ordered, nobody placed,
      no one placed, nobody in our house, nobody here ordered, nobody here placed, no one here placed,
      nobody here bought, nobody bought, no one bought, no one here ordered, none of us, none of them mine, none of them are mine,
      none are mine, never signed up, did not sign up, never subscribed, did not subscribe, never agreed to,
      not the one logging in, not me logging in, i am not logging in, was not him, was not her, it was not him,
      never shopped with you, never shopped here, never bought from you, never ordered from you, not mine anymore,
      not my email, not my number, not my card, never added, i did not add, i never added, only ordered once,
      only bought once
    `,
    es: `
      no autorizado, no autorizados, no autorizada, no autorice, no reconozco, yo no hice, yo no realice,
      no hice, no realice, no =compre, no pedi, yo no fui, no fui yo, sin mi permiso, sin permiso,
      sin autorizacion, sin mi consentimiento, no es mio, no son mios, que no reconozco, no lo hice,
      no fuimos,
      nunca =compre, nunca pedi, nunca hice, nunca autorice, jamas =compre, jamas pedi, no reconozco ese, no reconozco este,
      que no conozco, no conozco, que desconozco, desconozco, no se nada de, yo no lo cambie, no lo cambie, yo no cambie, solo hice un, solo hice una, solo compre uno, solo pague una vez,
      no conocemos, que no conocemos, nadie hizo, nadie pidio, nadie =compro, nadie de aqui, ninguno de nosotros, nunca los hice, no los hice,
      nunca la hice, no la hice, nunca las hice, no las hice, nunca he comprado con ustedes, nunca compre con ustedes,
      nunca he comprado en su tienda, no es mia, que no es mia, no son mias, no es mi correo, no es mi numero,
      no es mi direccion, no es mi tarjeta, que no agregue, que yo no agregue, nunca agregue, solo pedi una vez,
      solo compre una vez, nunca me suscribi, no me suscribi, nunca me inscribi,
      no me inscribi, nunca contrate, no contrate, nunca acepte, dice que no fue, no fue el, no fue ella
    `,
  },
  /** Odd-looking money or account activity: strange only if it is a charge or a login. */
  odd: {
    en: 'unknown, strange, suspicious, weird, unfamiliar, mystery, random, odd, unusual',
    es: `
      desconocido, desconocida, desconocidos, sospechoso, sospechosa, extrano, extrana, raro, rara, raros,
      inusual
    `,
  },
  /** A sign-in that came from somewhere: "a login to my account from Russia". */
  login_from: {
    en: 'a login from, login from, logins from, logged in from, sign in from, signed in from, login to my account from',
    es: 'inicio de sesion desde, acceso desde, accesos desde, entraron desde, ingreso desde, conexion desde',
  },
  /** Where sign-ins come from: odd ones are a takeover sign. */
  foreign: {
    en: `
      another country, different country, other country, foreign country, unknown device, new device,
      another device, different device, different location, another location, overseas, abroad, another city,
      another state,
      devices i do not own, device i do not own, devices i do not recognize, device i do not recognize, devices i do not recognise, device i do not recognise, unknown devices, unrecognized device, unrecognised device
    `,
    es: `
      otro pais, otros paises, otro dispositivo, otra ciudad, el extranjero, otra ubicacion,
      dispositivo desconocido,
      dispositivos que no son mios, dispositivo que no es mio, dispositivo que no reconozco, dispositivos que no reconozco,
      otros dispositivos, dispositivos desconocidos
    `,
  },
  login: {
    en: `
      login, logins, log in, logged in, sign in, signed in, sign-in, access, accessed, activity, session,
      sessions, password reset
    `,
    es: `
      inicio de sesion, inicios de sesion, acceso, accesos, actividad, ingreso, ingresos, ingresaron,
      entraron, sesion
    `,
  },
  money: {
    en: `
      charge, charges, charged, transaction, transactions, purchase, purchases, payment, payments, order,
      orders, withdrawal, debit, login, sign in, log in, activity, access, email, text, message, call,
      statement
    `,
    es: `
      cargo, cargos, cobro, cobros, compra, compras, pago, pagos, pedido, pedidos, orden, transaccion,
      movimiento, movimientos, acceso, inicio de sesion, actividad, correo, mensaje, llamada
    `,
  },
  intruder: {
    en: 'someone, somebody, a stranger, strangers, someone else, another person, a third party, they, hacker, another account, a second account, second account, duplicate account, by someone, by somebody, by someone else, by a stranger, my ex, =ex, a guy, some guy, a man, a woman, some woman, fraudsters, scammers, hackers, thieves, a thief, random person, some random, a random',
    es: 'alguien, otra persona, un desconocido, desconocidos, terceros, extranos, otra cuenta, una segunda cuenta, cuenta duplicada, por alguien, por otra persona, quien esta, mi ex, =ex, un tipo, un senor, una senora, un hombre, una mujer, estafadores, ladrones, hackers, alguien random, un random',
  },
  access: {
    en: `
      used, using, uses, logged in, logged into, logging into, accessed, accessing, got into, broke into,
      changed, opened, made, placed, ordered, bought, took over, is in, has access, reset, stole, stolen, has,
      have, got, cloned, charged, knows, know, logging in, logs in, signing in, testing, tested, still has,
      has been using, keeps using, keeps ordering, redeemed, spent, used up
    `,
    es: `
      uso, usa, usando, entro, entraron, accedio, accedieron, cambio, cambiaron, abrio, abrieron, hizo,
      hicieron, compro, compraron, pidio, pidieron, tiene acceso, metio, metieron, robo, robaron, tiene,
      tienen, clonaron, cobraron, sabe, conoce, sigue usando, sigue comprando, sigue haciendo, esta usando,
      esta comprando, la esta usando, lo esta usando, canjeo, canjearon, gasto, gastaron
    `,
  },
  my_account: {
    en: `
      my account, our account, my card, my credit card, my debit card, my details, my password, my email,
      my name, my information, my identity, my login, my profile, my bank, my info, on my account,
      with my account, in my name, my data, my personal,
      my saved card, my saved details, my stored card, my card on file, my saved payment, my payment details, my payment method, my paypal, my email address, my phone number, saved card, stored card, card on file, my saved, my stored, email on file, my bank account, my bank card,
      my gift card, my gift card balance, my balance, my points, my rewards, my store credit, my loyalty points, my account balance,
      my account~, my login, my membership, my member number, my membership number, my club number,
      my _ club number, my loyalty number, my customer number, my ssn, my social security, account ko, card ko,
      our company account, our business account, my bank account, my statement, =my =acc, =my =acct, =our =acct,
      an order as me, ordering as me, logged in as me, signed in as me, pretending to be me, posing as me,
      impersonating me
    `,
    es: `
      mi cuenta, mi tarjeta, mis datos, mi contrasena, mi correo, mi nombre, mi identidad, mi perfil,
      mi informacion, a mi nombre, con mi cuenta, en mi cuenta, mi usuario,
      mi tarjeta guardada, mis datos de pago, mi metodo de pago, mi paypal, mi correo electronico, mi numero de telefono, tarjeta guardada, mi cuenta bancaria, mi tarjeta de credito, mi tarjeta de debito,
      mi saldo, mi tarjeta de regalo, mis puntos, mi credito, mi monedero,
      mi ssn, mi seguro social, mi numero de seguro social, mi dni, mi rut, mi curp, mi cedula, mi numero de socio,
      nuestra cuenta, cuenta de empresa, mi extracto, mi estado de cuenta, mi chip, =mi =cta,
      haciendose pasar por mi, como si fuera yo
    `,
  },
  /** One-time codes and reset links: arriving unasked, a sign someone is trying to get in. */
  otp: {
    en: `
      login code, log in code, verification code, security code, one time code, one time password, otp,
      2fa code, two factor code, authentication code, sign in code, password reset email, password reset link,
      reset link, reset code, confirmation code, access code, magic link,
      password recovery, recovery email, recovery code, account recovery,
      2 factor code, 2 factor codes, two factor, 2 step code, two step code, verification codes, security codes,
      login codes, password reset, password resets
    `,
    es: `
      codigo de verificacion, codigo de acceso, codigo de seguridad, codigo de inicio de sesion,
      codigo para entrar, clave temporal, clave dinamica, enlace para restablecer, correo para restablecer,
      restablecer la contrasena, cambio de contrasena,
      recuperacion de contrasena, correos de recuperacion, restablecimiento de contrasena, codigo de recuperacion, correo de recuperacion,
      codigos de verificacion, codigos de seguridad, mail de restablecimiento
    `,
  },
  /** Not asked for by the customer. */
  unrequested: {
    en: `
      did not request, did not ask for, never requested, never asked for, not requested, not asked for,
      did not trigger, did not try, was not trying, was not me,
      not the one logging in, i am not logging in, not me logging in, not trying to log in
    `,
    es: `
      no pedi, no solicite, nunca pedi, nunca solicite, sin pedirlo, sin solicitarlo, no lo pedi,
      no lo solicite, yo no pedi, no estoy intentando entrar, yo no estoy entrando, no soy yo
    `,
  },
  /** Money taken: a charge, a debit, a withdrawal. */
  charge_word: {
    en: `
      a charge, this charge, the charge, that charge, this _ charge, a _ charge, the _ charge, that _ charge,
      =charges, =charged, transaction, transactions,
      withdrawal, withdrawals, debit, debited,
      payment taken, money taken, taken from my account, came out of my account, billed
    `,
    es: `
      cargo, cargos, cobro, cobros, cobraron, cobran, me cobraron, me cargaron, me =cobro, transaccion, transacciones,
      retiro, retiros, descontaron, debitaron
    `,
  },
  /** Having bought nothing at all. */
  bought_nothing: {
    en: `
      did not buy anything, never bought anything, did not order anything, never ordered anything,
      have not bought anything, have not ordered anything, did not purchase anything, never purchased anything,
      not bought anything, not ordered anything
    `,
    es: `
      no compre nada, nunca compre nada, no he comprado nada, no pedi nada, no he pedido nada, nunca pedi nada
    `,
  },
  scam: {
    en: 'scam, scammer, scammers, fake, phony, spoof, bogus, suspicious, fraudulent, dodgy',
    es: 'estafa, falso, falsa, falsos, fraudulento, fraudulenta, sospechoso, sospechosa, enganoso, trampa',
  },
  message_channel: {
    en: `
      email, e-mail, text, texts, sms, message, call, phone call, link, website, site, page, whatsapp, letter,
      invoice
    `,
    es: 'correo, mail, email, mensaje, sms, llamada, enlace, link, pagina, sitio, whatsapp, factura',
  },
  /** Asking for secrets in your name: "asking for my password", "a su nombre pidiendo mis datos". */
  asking_secrets: {
    en: `
      asking for my, asked for my, asking me to verify, asked me to verify, verify my card, verify my account,
      confirm my password, enter my card, with your logo, in your name, asking for my password,
      asking me for my,
      wanted my, wants my, asked me for, requested my, asking me for, demanded my, read out my, give him my, give her my, give them my,
      asking me to confirm, asked me to confirm, asking him to confirm, asking her to confirm, asking them to confirm,
      asking to confirm, confirm my card, confirm my bank, confirm his bank, confirm her bank, confirm your card,
      confirm your bank, verify by bank, verify your bank, verify my bank, my bank login, card details via,
      asking to pay, asking me to pay, pay customs, customs fee, redelivery fee, to release my, wanting my,
      wanting our, wanted our, wants our, asking for our, asked for our, took my card number, took my card details,
      took my details, took my bank details, got my card number, got my card details, got hold of my card,
      harvested my, captured my card
    `,
    es: `
      a nombre de ustedes, pidiendo mis, pidiendo mi, pidiendome mi, pidiendome mis, pidiendome clave,
      pidiendome datos, con su logo, verificar mi, confirmar mi, haciendose pasar,
      queria mi, queria mis, pidio mi, pidio mis, pedia mi, pedia mis,
      me pidieron clave, me pidieron datos, me pidieron codigo, me pidieron tarjeta, me pidieron contrasena,
      me pidieron mi, me pidieron mis, me pidieron foto, me pidieron numero, me piden clave, me piden datos,
      me piden codigo, me piden mi, me piden mis, me pide mi, me pide mis, me pidio clave, me pidio datos,
      me pidio codigo, pidiendo clave, pidiendo contrasena, pidiendo datos, pidiendo foto, foto de mi tarjeta,
      me pide que le pase, pide pagos, pidiendo pagos, para liberar mi pedido, para liberar el pedido,
      pagar la aduana, pagar aduana, me pidio pagar, me pide pagar, me piden pagar, pidiendo pagar,
      pidiendome pagar, pidiendo numero, pidiendo codigo, pidiendo tarjeta, me sacaron los datos,
      se quedaron con los datos de mi tarjeta, se quedaron con mis datos, obtuvieron mis datos, tomaron mis datos,
      tomaron los datos de mi tarjeta, me robaron los datos de la tarjeta
    `,
  },
  /** A stranger claiming to be the business. */
  claims_you: {
    en: `
      saying he was from, saying she was from, said he was from, said she was from, said they were from,
      saying they were from, claiming to be from, claimed to be from, claims to be from, pretending to be from,
      posing as, pretended to be, said he worked for, said she worked for, saying he worked for,
      on behalf of your company, supposedly from you, supposedly from your,
      claiming to be, claims to be, says it is from, said it was from, says they are from,
      using your name, uses your name, used your name, using your logo, uses your logo, used your logo,
      looked like yours, looks like yours, looked like it was from you, copy of your, was not from your company,
      your exact logo, using your photos, uses your photos, used your photos, copy of your site,
      was not from you, not really from you
    `,
    es: `
      dice ser de, dijo ser de, diciendo que era de, dijo que era de, dijeron que eran de, se hizo pasar,
      se hacia pasar, supuestamente de ustedes, supuestamente de su, en nombre de ustedes,
      dice ser, dicen ser, decia ser, que dice ser, dice que es de, dicen que son de, se presenta como,
      se presento como, usa su nombre, usan su nombre, usando su nombre, usa su logo, con su marca,
      parecia de ustedes, parecia suyo, no era de su empresa, no era de ustedes, no era de su tienda,
      igualita a la suya, identica a la suya, igual a la suya, copia de su pagina, usando sus fotos, usa sus fotos
    `,
  },
  /** Account details changed: by someone else, a takeover. */
  account_change: {
    en: `
      password was changed, password has been changed, password got changed, password changed,
      email was changed, email has been changed, email got changed, email changed, address was changed,
      address changed, phone number was changed, details were changed, details have been changed,
      changed my password, changed my email, changed my address, changed my details, changed my phone number,
      changed the password, changed the email, was changed, were changed, been changed,
      changed the shipping address, changed the address, changed my shipping address, changed the delivery address, changed my delivery address,
      new address on my, new email on my, new phone number on my, new card on my, a new address on, my name changed,
      name was changed, address i did not add, card i did not add,
      changed the iban, changed my iban, changed the bank details, changed my bank details, changed the bank account,
      changed my bank account, changed the refund account, changed my payout details
    `,
    es: `
      cambiaron mi contrasena, cambiaron mi correo, cambiaron mi direccion, cambiaron mis datos,
      cambiaron la contrasena, cambiaron el correo, fue cambiada, fue cambiado, se cambio mi contrasena,
      se cambio mi correo, cambio mi contrasena, cambio mi correo,
      cambio la direccion, cambio la direccion de envio, cambiaron la direccion de envio, cambio mi direccion,
      cambio el iban, cambiaron el iban, cambio mi iban, cambiaron mi iban, cambio la cuenta bancaria,
      cambiaron la cuenta bancaria, cambio mi cuenta bancaria, cambiaron mi cuenta bancaria, cambio los datos bancarios,
      cambiaron los datos bancarios, cambio mis datos bancarios, cambiaron mis datos bancarios,
      cambio la cuenta de reembolso, cambiaron la cuenta de reembolso
    `,
  },
  /** Shut out of the customer own account. */
  locked_out: {
    en: `
      locked out, locked me out, can not get into my account, can not log in, can not access my account,
      can not sign in, no longer log in, no longer access,
      password stopped working, password no longer works, password does not work anymore,
      password is not working anymore, can not log in anymore, can not get in anymore, lost access,
      no longer have access
    `,
    es: `
      no puedo entrar a mi cuenta, no puedo entrar, no puedo acceder, me bloquearon, cuenta bloqueada,
      no puedo iniciar sesion,
      no tengo acceso, ya no tengo acceso, perdi el acceso, mi contrasena ya no funciona,
      mi contrasena dejo de funcionar, ya no puedo entrar
    `,
  },
  /** Charged more often than the customer bought. */
  extra_charges: {
    en: `
      charged twice, charged three times, double charged, charged multiple times, multiple charges,
      duplicate charge, duplicate charges, charged again, extra charges, payments to your shop,
      left my account twice, taken twice, came out twice, debited twice
    `,
    es: `
      me cobraron dos veces, cobro doble, cobro duplicado, cargo duplicado, cobraron varias veces, cobraron doble,
      cargos de mas, cobros de mas
    `,
  },
  /** An address that is not the one of the customer. */
  elsewhere: {
    en: `
      i live in, not my address, an address i do not know, an address~ i do not know, never lived in, address i do not recognize, address i do not recognise,
      never lived, addresses changed, someone else address, a stranger address
    `,
    es: `
      no es mi direccion, una direccion que no conozco, yo vivo en, direccion desconocida, nunca he vivido
    `,
  },
  /** An account taken from its owner: "my account's been taken over", "me secuestraron la cuenta". */
  takeover: {
    en: `
      taken over, took over, taking over, hijacked, hijack, broken into, broke into, break into, breaking into,
      been compromised, was compromised, is compromised, got compromised, been accessed, was accessed
    `,
    es: `
      secuestraron, secuestrada, tomaron control, tomaron el control, se apoderaron, vulneraron,
      vulnerada, esta comprometida, fue comprometida
    `,
  },
  /** Value kept on an account: a gift card, points, store credit. */
  stored_value: {
    en: `
      gift card, gift cards, gift card balance, balance, points, loyalty points, rewards, store credit, voucher,
      vouchers, credit, bank account, account balance
    `,
    es: 'tarjeta regalo, tarjeta de regalo, saldo, puntos, monedero, vale, vales, bono, credito',
  },
  /** Gone without the customer: drained, emptied, already redeemed. */
  vanished: {
    en: `
      drained, emptied, gone, disappeared, vanished, zeroed, wiped, missing, already redeemed, already used,
      been redeemed, was redeemed, been used, is empty, is at zero, spent, used up, redeemed
    `,
    es: `
      desaparecio, desaparecieron, vaciaron, vacio, en cero, ya fue canjeada, ya estaba usada, ya la usaron,
      ya lo usaron, no esta, ya no esta
    `,
  },
  /** The customer never used it: "I never used it", "no la usé". */
  never_used: {
    en: `
      never used it, never used them, did not use it, not used it, have not used it, before he used it,
      before she used it, before i used it, before we used it, before using it, never spent it, never redeemed
    `,
    es: 'no la use, no lo use, nunca la use, nunca lo use, sin usarla, sin usarlo, no los use, no las use',
  },
  /** Something of the customer stolen: the wallet, the phone, the card. */
  stolen_item: {
    en: `
      wallet was stolen, wallet got stolen, wallet got pinched, wallet was pinched, wallet got nicked, stole my wallet,
      phone was stolen, phone got stolen, stole my phone, purse was stolen, stole my purse, bag was stolen,
      card got pinched, card was pinched, card got nicked, with my card got
    `,
    es: `
      me robaron el celular, me robaron el telefono, me robaron el movil, me robaron la cartera,
      me robaron la billetera, me robaron el bolso, me robaron la mochila, robaron mi cartera, robaron mi celular
    `,
  },
  /** Something of the customer lost: the phone, the wallet. */
  lost_item: {
    en: 'lost my phone, lost my wallet, lost my purse, lost my card, my phone is lost, my wallet is lost',
    es: `
      perdi el movil, perdi mi movil, perdi el celular, perdi mi celular, perdi el telefono, perdi mi telefono,
      perdi la cartera, perdi mi cartera, perdi la billetera, perdi mi billetera, perdi mi tarjeta
    `,
  },
  /** Stop anyone else using it: "freeze my account", "bloqueen mi cuenta". */
  block_request: {
    en: `
      freeze my account, freeze my card, lock my account, block my account, block my card, lock my card,
      suspend my account, disable my account, lock them out, nobody can use it, no one can use it,
      so nobody can use, so no one can use, remove my saved card, remove my card
    `,
    es: `
      bloquear mi cuenta, bloqueen mi cuenta, bloquear la cuenta, bloqueen la cuenta, bloquear mi tarjeta,
      bloqueen mi tarjeta, bloquear todo, congelar mi cuenta, congelen mi cuenta, suspender mi cuenta,
      pueden bloquear, no quiero que nadie compre, que nadie la use, que nadie pueda usar, que nadie use
    `,
  },
  /** Asking whether a message is really the business: "is that you?", "¿es de ustedes?". */
  legit_q: {
    en: `
      is that you, is this you, is it you, is that really you, is it yours, is that yours, is this yours,
      is this legit, is that legit, is it legit, is this real, is that real, is it real, was it you, was that you,
      is this from you, is that from you, is it from you
    `,
    es: `
      es de ustedes, son ustedes, eso es de ustedes, es real, es verdad, era falso, es estafa, es falso,
      fueron ustedes, es suyo, son de ustedes
    `,
  },
  /** Following a link: "I clicked a link", "inicié sesión desde un link". */
  clicked: {
    en: `
      clicked a link, clicked the link, clicked on a link, clicked on the link, tapped a link, tapped the link,
      opened a link, opened the link, logged in through a link, logged in from a link, entered my details,
      click here
    `,
    es: `
      di clic, di click, hice clic, hice click, le di clic, le di click, abri el enlace, abri el link,
      entre al link, entre al enlace, inicie sesion desde un link, inicie sesion desde un enlace, puse mis datos,
      ingrese mis datos, haz clic aqui, pulsa aqui
    `,
  },
  /** Someone trying to get in: "someone is trying to log in", "alguien está intentando entrar". */
  intruder_try: {
    en: `
      someone is trying to log in, someone trying to log in, someone is trying to get in, someone trying to get into,
      someone is trying to access, someone trying to access, someone keeps trying to, somebody is trying to log in
    `,
    es: `
      alguien esta intentando entrar, alguien intenta entrar, alguien quiere entrar, alguien trata de entrar,
      alguien esta tratando de entrar, alguien intenta acceder
    `,
  },
  /** A detail on the account that is not the customer's: "a different email", "otra tarjeta". */
  swapped_detail: {
    en: `
      a different email, different email, another email, a different phone number, another phone number,
      a different name, another name, another card, a different card, a different address
    `,
    es: `
      otro correo, un correo distinto, un correo diferente, otro numero, otro nombre, otra tarjeta,
      otra direccion, un nombre distinto
    `,
  },
  /** Used, by someone the customer does not name: "my card was used". */
  was_used: {
    en: 'was used, were used, got used, has been used, have been used, being used, is being used',
    es: 'fue usada, fue usado, fueron usados, han usado, ha sido usada, ha sido usado, estan usando',
  },
  /** More accounts than the customer opened: "two accounts in my name". */
  extra_account: {
    en: `
      two accounts, 2 accounts, accounts in my name, an account in my name, another account in my name,
      second account in my name, a new account in my name
    `,
    es: 'dos cuentas, cuentas a mi nombre, una cuenta a mi nombre, otra cuenta a mi nombre, cuenta nueva a mi nombre',
  },
  /** Who did it: "WHO ORDERED 5 JACKETS ON MY CARD", "¿quién compró con mi tarjeta?". */
  who_did: {
    en: 'who ordered, who bought, who used, who made, who placed, who charged, who is ordering, who has been ordering',
    es: 'quien compro, quien pidio, quien uso, quien hizo, quien esta usando, quien esta comprando',
  },
  /** An address on the account. */
  address_word: {
    en: 'address~, addresses, shipping address, delivery address',
    es: 'direccion, direcciones, direccion de envio, domicilio',
  },
  /** The trouble is over, or was elsewhere: "all sorted now", "ya lo solucioné". */
  resolved_past: {
    en: `
      all sorted, already sorted, was sorted, got sorted, been sorted, all good now, already resolved, was resolved,
      got resolved, all fixed now, sorted it out with my bank, that was years ago,
      have a new card now, already have a new card, bank sent me a new card,
      unblocked it, unblocked my card, went through fine, went through in the end,
      went through after, use a new email now, using a new email now, changed my password since
    `,
    es: `
      ya lo solucione, ya se soluciono, ya esta solucionado, ya se arreglo, ya todo se arreglo, todo se arreglo,
      ya lo resolvi, ya esta resuelto, ya se resolvio,
      ya tengo una nueva, ya tengo otra, ya tengo una tarjeta nueva, ya tengo tarjeta nueva, ya me dieron otra,
      ya me mandaron otra, ya la desbloquee, ya la desbloquearon, ya me la desbloquearon, despues paso bien,
      al final paso, al final paso bien, al final se hizo, se proceso bien, ya uso otro correo
    `,
  },
  /** Nothing happened to the customer: "I haven't clicked anything". */
  no_harm_done: {
    en: 'did not click, have not clicked, never clicked, not clicked anything, have not been scammed, not been scammed',
    es: `
      no he hecho clic, no hice clic, no di clic, no le di clic, no he dado clic, no me estafaron,
      no he hecho click, no hice click, no di click, no le di click, no he dado click, no le he dado click,
      no abri el enlace, no abri el link, no lo abri
    `,
  },
  /** Done with consent: "with his permission". */
  consent_given: {
    en: 'with his permission, with her permission, with their permission, with my permission, with permission of',
    es: 'con su permiso, con mi permiso, con permiso de, con su autorizacion',
  },
  /** The customer is joking. */
  only_joking: {
    en: 'just kidding, only kidding, =jk, just joking, only joking',
    es: 'era broma, era una broma, es solo una broma, solo bromeo, solo estoy bromeando, es broma jaja, jaja es broma',
  },
  /** "hacked together", "life hack", "the price is a steal", "el precio es un robo". */
  not_security: {
    en: `
      hacked together, hacked up, life hack, a steal, steal of a deal, fraud alert on my bank,
      forgot my password, forgot password, is a steal, stole my heart, stole the show,
      can someone else, could someone else, can my, is it safe to, leaked through, leaked in, leaks in,
      leaked into,
      how do i reset my password, how to reset my password, can i reset my password, need to reset my password, want to reset my password, help me reset my password, where do i reset my password,
      hacked off, have not been scammed, not been scammed, was not scammed, did not get scammed, on a different site,
      on another site, on another website, at another store, at another shop, does the fraud protection,
      your fraud protection, what is your fraud protection, breached the consumer,
      breached consumer, breached the act, breached the contract, breached my contract, breached the terms,
      not hacked, was not hacked, have not been hacked, not been hacked, just forgot, forgot it,
      how do i report a, how can i report a, where do i report a, order for me, ordered it for me, ordered for me,
      bought it for me, bought for me, on my behalf, can i add, can i use a different, can i pay with, how do i add,
      do not want to be charged, so i am not charged, so i do not get charged, to avoid being charged,
      auto renew, auto renews, renews automatically, automatic renewal
    `,
    es: `
      es un robo, un robo el precio, olvide mi contrasena, olvide la contrasena, no recuerdo mi contrasena,
      en otra tienda, en otra pagina, en otro sitio, en otra web, no me estafaron, no me hackearan, no me hackearon,
      no es que me hackearan, la olvide, solo la olvide, como reporto un, como reporto una, como denuncio un,
      como denuncio una, lo pidio por mi, lo compro por mi, proteccion contra fraude, proteccion contra el fraude,
      proteccion antifraude, antifraude, puedo agregar, quiero poner otra, quiero agregar otra, puedo pagar con,
      no quiero que me cobren,
      que no me cobren, para que no me cobren, no me vuelvan a cobrar, se renueva solo, se renueva sola,
      se renueva automaticamente, renovacion automatica
    `,
  },
};

/** Fraud look-alikes: prices called a scam, questions about a shop or a charge the customer made. */
const SECURITY_LOOKALIKES: LexiconData = {
  /** Fraud named only to say it is not the matter: "no es por fraude ni nada raro, pero…". */
  denied_fraud: {
    en: `
      not for fraud, not because of fraud, not about fraud, it is not fraud, not a fraud thing, nothing fraudulent,
      nothing dodgy, nothing suspicious, nothing weird going on
    `,
    es: 'no es por fraude, no es fraude, no es por nada raro, nada de fraude, ni nada raro, nada raro',
  },
  /** "scam" or "robbery" as a word for a price. Exact, so "me estafaron" is not one. */
  scam_noun: {
    en: '=scam, =scams, rip off, ripoff, =robbery, daylight robbery',
    es: '=estafa, =estafas, =robo, =timo, un atraco',
  },
  /** Prices: what a price is called a scam for. */
  price_word: {
    en: 'price, prices, pricing, cheap, so cheap, expensive, pricey, overpriced, what it costs',
    es: 'precio, precios, barato, barata, baratos, baratas, lo barato, lo caro, caro, carisimo, carisima, rebajas, lo que cuesta',
  },
  /** Is the shop or the product genuine (asked before buying, not a report of a copycat). */
  genuine_q: {
    en: `
      is it genuine, are they genuine, is it authentic, are they authentic, is it original, are they original,
      is that an official store, is it an official store, is that your official, official stockist,
      authorised stockist, authorized stockist, authorised retailer, authorized retailer
    `,
    es: `
      es original, son originales, es autentico, es autentica, son autenticos, es tienda oficial,
      es una tienda oficial, es distribuidor oficial, es distribuidor autorizado, tienda oficial suya,
      es su tienda oficial
    `,
  },
  /** Checking so as not to be caught out: "para no caer en algo raro", "so I don't get scammed". */
  precaution: {
    en: `
      so i do not get scammed, so i do not fall for, to avoid getting scammed, to avoid being scammed,
      so i do not get ripped off, before i fall for
    `,
    es: `
      para no caer en, para evitar caer en, para no ser estafado, para no ser estafada, para que no me estafen,
      no vaya a ser una estafa, no vaya a ser estafa
    `,
  },
  /** How a charge the customer made shows on the statement: "aparece como NWD OUTDOOR". */
  descriptor_q: {
    en: 'appears as, shows up as, shows as, listed as, comes up as, is that your company name',
    es: 'aparece como, sale como, figura como, viene como, aparece con el nombre',
  },
  /** The customer did buy: "compré ayer una mochila", "I just ordered". */
  own_purchase: {
    en: `
      i bought yesterday, bought one yesterday, i ordered yesterday, i just bought, i just ordered,
      i just placed an order, i placed an order yesterday, my order from yesterday, i bought a _ yesterday,
      i ordered a _ yesterday
    `,
    es: `
      compre ayer, compre hoy, acabo de comprar, acabo de pedir, hice un pedido ayer, hice el pedido ayer,
      pedi ayer, mi pedido de ayer
    `,
  },
};

/** Injury, fire and product hazards. */
const SAFETY: LexiconData = {
  fire_event: {
    en: `
      caught fire, catch fire, catches fire, catching fire, on fire, started a fire, start a fire,
      starts fires, set fire, set on fire, burst into flames, went up in flames, =flames, fire hazard,
      exploded, explode, explodes, exploding, explosion, blew up, electric shock, electrical shock,
      electrocuted, got shocked, shocked me, shock from, an electric, small fire, a fire, short circuit,
      shorted out
    `,
    es: `
      se incendio, incendio, se prendio fuego, prendio fuego, agarro fuego, fuego, en llamas, salieron llamas,
      exploto, explotar, explosion, estallo, descarga electrica, me electrocute, se electrocuto, electrocuto,
      corto circuito, cortocircuito, me dio toques, me dio un toque, dio un toque, me dio corriente,
      le dio corriente
    `,
  },
  hazard: {
    en: `
      overheated, overheating, overheats, overheat, got really hot, got very hot, too hot to touch, melted,
      melting, sparked, sparking, sparks, smoke, smoking, smoked, burning smell, smells like burning,
      smell of burning, smelled like burning, swelling, swollen, bulging, leaking acid, scorch, scorched,
      charred, sizzling, hissing, shock, shocks, zapped, zap, tingling, gas leak, leaking gas, leaks gas,
      smell of gas, smells of gas, stinks of gas,
      leaking from the valve, leaking gas, leaks gas, hissing gas, stinks of gas, smell gas, smells of gas everywhere,
      boiling hot, scalding
    `,
    es: `
      sobrecalento, sobrecalentando, se calento mucho, muy caliente, se derritio, derritio, derretido,
      chispas, chispazo, echa humo, echar humo, salio humo, humo, olor a quemado, huele a quemado, hinchada,
      hinchado, inflada, chamuscado, quemado, descarga, descargas, toque, toques, corriente, fuga de gas,
      pierde gas, huele a gas, olor a gas,
      una fuga, tiene una fuga, fuga de gas, tirando gas, sale gas, se sale el gas, silbido, hirviendo,
      calambre, calambre electrico, huele fuertisimo
    `,
  },
  /** An injury by itself. */
  injury: {
    en: `
      injured, injury, injuries, injuring, wounded, bleeding, bled, needed stitches, got stitches,
      get stitches, concussion, fractured, fracture, sprained, dislocated, gash, laceration, scalded,
      second degree burn, third degree burn, burn on my, a burn, choking hazard, electrocuted,
      blood, bloody, blood everywhere, lot of blood, so much blood, covered in blood, bleeding badly, needed a stitch, broken bone, broke a bone, got hurt, was hurt, were hurt, badly hurt, seriously hurt, hurt badly, cut open, sliced open, lost a tooth, knocked out, burn blister, burns on,
      needed _ stitches, got _ stitches, =stitches in his, =stitches in her, =stitches in my, =stitches on his,
      =stitches on her, =stitches on my,
      went into my eye, went into his eye, went into her eye, into my son eye, into my daughter eye,
      splinter went into, boiling water on, scalding water on, could have died, could have been killed,
      someone could die, someone is going to get killed, nearly killed, almost killed, caught his finger,
      caught her finger, trapped his finger, trapped her finger, around his neck, around her neck,
      set her hair on fire, set his hair on fire
    `,
    es: `
      herido, herida, heridos, lesion, lesiones, lesionado, lesionada, sangre, sangrando, sangro,
      puntos de sutura, me pusieron puntos, le pusieron puntos, fractura, fracturo, esguince, quemadura,
      quemaduras, moreton, se ahogo, asfixia,
      mucha sangre, sangre por todos lados, lleno de sangre, se lastimo feo, salio lastimado, salio lastimada, quedo lastimado, quedo lastimada, hueso roto, se rompio un hueso, se fracturo, me fracture, ampollas por la quemadura,
      me abri la rodilla, me abri la cabeza, me abri la mano, le abrio la ceja, se abrio la cabeza, se abrio la ceja,
      me perforo, le perforo, me clave, se clavo, se le clavo, me lo clave, agua hirviendo en, agua hirviendo sobre,
      me cayo agua hirviendo, le cayo agua hirviendo, alguien se puede matar,
      alguien se va a matar, casi se mata, casi me mato con, me pude matar, pudo haberse matado, se pudo matar,
      atrapo el dedo, le atrapo el dedo, me atrapo el dedo, se enredo en el cuello, en el cuello a, le prendio el pelo,
      le quemo el pelo, casi se me cae el bebe
    `,
  },
  /** Harm that is an injury only when it hits someone: "cut my hand", "se corto". */
  harm: {
    en: `
      cut, sliced, burned, burnt, burns, scalded, bruised, hurt, hurting, hurts, crushed, pinched, trapped,
      shocked, stung, scratched, stabbed, poked
    `,
    es: `
      me queme, se quemo, quemo, me corte, se corto, corto, me lastime, se lastimo, lastimo, lastimado,
      lastimada, me golpee, se golpeo, aplasto, machuco, pellizco, atraganto, se atraganto, me hice dano,
      se hizo dano, le hizo dano, lastimo a
    `,
  },
  /** Harm that is an injury only when it hits a body or a person: "broke my arm", "hit my son". */
  harm_body: {
    en: 'broke, broken, hit, smashed, twisted, landed on, fell on, struck, knocked, whacked, slammed, fell onto, toppled onto, crashed onto, came down on, fell on top of, landed on top of',
    es: 'me rompi, se rompio el, golpeo, le cayo encima, me cayo encima, cayo sobre, pego, le pego, me pego, se cayo encima de, cayo encima de, se le cayo encima, le cayo en, me cayo en, se vino encima',
  },
  /** Who or what was hurt: "me", "my hand", "my son". */
  victim: {
    en: 'me, my, myself, him, her, himself, herself, us, i',
    es: 'me, se, mi, mis, le, nos, yo',
  },
  fall: {
    en: `
      fell, fall, falling, fell off, fell over, tripped, slipped, knocked over, tipped over, crashed, crash,
      wiped out, thrown off, went flying,
      went down the stairs, fell down the stairs, went in the river, went into the river, went into the water,
      dropped two metres, fell two metres, fell from
    `,
    es: `
      me cai, se cayo, cayo, caida, me resbale, se resbalo, tropece, se volco, me cai de, choque, me estrelle,
      se estrello, sali volando,
      cayo dos metros, se cayo en el rapel, cayo al agua, se cayo de espalda, me cai por las escaleras,
      rodo por las escaleras, cayo de
    `,
  },
  failure: {
    en: `
      collapsed, collapse, came off, came loose, snapped, broke, gave way, fell apart, shattered, cracked,
      detached, flew off, gave out, buckled
    `,
    es: `
      se rompio, se desplomo, colapso, se solto, se desprendio, se quebro, se partio, cedio, se vino abajo
    `,
  },
  /** Someone on or in the thing when it failed. */
  occupant: {
    en: `
      with him in it, with her in it, with me in it, with him on it, with her on it, with me on it,
      while i was on it, while he was on it, while she was on it, while sitting on it, while i was sitting,
      while he was sitting, while she was sitting, while standing on it, while i was standing
    `,
    es: `
      con el adentro, con ella adentro, con el encima, con ella encima, conmigo encima, estando sentado,
      estando sentada, mientras estaba sentado, mientras estaba sentada, mientras estaba parado
    `,
  },
  choke: {
    en: 'choking hazard, in his mouth, in her mouth, in their mouth, choked, choking, nearly choked, almost choked, choked on, got stuck in his throat, got stuck in her throat, stuck in his throat, stuck in her throat, stuck in my throat',
    es: 'en la boca, se atraganto, atragantarse, ahogarse, atora, atoro, se le atoro, se atoro, se le atora, atorado, atorada, atragantado, atragantada, se ahogaba, casi se ahoga, se le atasco, atascado en la garganta',
  },
  /** Slang and questions that use the same words: "these sneakers are fire", "is it safe". */
  not_safety: {
    en: `
      are fire, is fire, so fire, fire sale, fire pit, on fire lol, fire emoji, hurt my feelings,
      broke the bank, blew up my phone, is it safe, would it be safe, safe to use, cut the price, price cut,
      cut off, cut it, hurt to ask, killing me, fire resistant, fireproof, fire retardant, smoke detector,
      smoke alarm, smoky, smoke grey, smoke gray, flame red, flames print, broke in, breaking in, break in,
      broken in, hurt my feet, hurts my feet, hurt my toes, broke my heart, hurts to wear, fire color,
      fire red,
      blood orange, blood red, blood type, blood pressure, blood sugar, blood moon, got hurt feelings,
      my mouth off, my tongue off, my face off, my head off, my ears off, cutting down, cut down on,
      cutting back,
      sunburn, sunburnt, sun burn, burned by the sun, burnt by the sun, burned on the sale, burnt on the sale,
      burned on the last sale, burnt on the last sale, burned on that sale, burned on the deal, burned on that deal,
      burned by the sale, fire alarm, fire drill,
      no flame, no flames, will not light, stopped lighting, does not light, no spark, no sparks, cut her hair,
      cut his hair, cut my hair, broke the zipper, broke the zip
    `,
    es: `
      estan que arden, es fuego, son fuego, que arden, es seguro, seria seguro, oferta bomba,
      precio de locura, gris humo, =corte de, el =corte, buen =corte,
      rojo sangre, naranja sangre, presion arterial, los puntos de, por puntos, puntos de recompensa, puntos acumulados, mis puntos,
      quemo el sol, queme con el sol, queme en el sol, queme al sol, quemado por el sol, quemada por el sol,
      quemadura de sol, quemaduras de sol, quemadura solar, me queme con la oferta, me queme con el precio,
      me queme con la promo, alarma de incendios, alarma contra incendios, simulacro de incendio,
      detector de humo, no hace chispa, no enciende, no prende, no da llama, sin llama, se corto el pelo,
      me corte el pelo, corto el pelo, se corto el cabello, rompio el cierre, rompio la cremallera
    `,
  },
};

/** Safety and medical look-alikes: the person is fine, it was long ago, a campfire. */
const SAFETY_LOOKALIKES: LexiconData = {
  /** Nobody hurt, the person fine or recovered, a routine visit: "nadie se lastimó", "I'm fine". */
  fine_now: {
    en: `
      i am fine, i am ok, i am okay, he is fine, she is fine, he is ok, she is ok, he is okay, she is okay,
      we are fine, we are ok, we are all fine, everyone is fine, everyone is ok, everybody is fine, all fine,
      nobody was hurt, no one was hurt, nobody got hurt, no one got hurt, nobody hurt, no one hurt, no injury,
      no injuries, nobody injured, no one injured, nobody was injured, no one was injured, was not hurt,
      were not hurt, did not get hurt, unhurt, unharmed, no harm done, fully recovered, recovered now,
      just recovered, has recovered, all healed, healed now, fine now, walking again, recovering well,
      doing well now, routine checkup, routine check up, routine check, no rash, no reaction, no swelling,
      insurance is covering, insurance covered, insurance is paying, no smell or anything, no blisters,
      not a single blister, burned the fabric,
      burnt the fabric, scorched the fabric, singed the fabric, a hole in the fabric, just a hole
    `,
    es: `
      estoy bien, ella esta bien, el esta bien, estamos bien, todos bien, todos estan bien, nadie se lastimo,
      nadie salio herido, nadie resulto herido, nadie se hizo dano, nadie se quemo, nadie se corto,
      nadie se golpeo, nadie salio lastimado, sin heridos, ningun herido, no hubo heridos, sin lesiones,
      no paso nada, no paso a mayores, nada grave, ya estoy recuperado, ya estoy recuperada, ya me recupere,
      ya se recupero, ya esta recuperado, ya esta recuperada, recuperandose bien, se recupera bien,
      se esta recuperando bien, chequeo de rutina, control de rutina, revision de rutina, consulta de rutina,
      sin ronchas, sin reaccion, sin ampollas, ni una ampolla, el seguro lo cubre, el seguro cubre, lo cubre el seguro, quemo la tela,
      quemo _ la tela, quemo _ _ la tela, se quemo la tela, quemado la tela, un agujero en la tela, solo un agujero
    `,
  },
  /** An injury that is one whatever else is said: "she's ok but has a concussion". */
  injury_strong: {
    en: `
      concussion, stitches, broken bone, broke a bone, fractured, fracture, dislocated, sprained, bleeding,
      x-ray, xray, burn blister, blood everywhere, not moving, is not moving, unconscious, not breathing,
      not waking up, swallowed, passed out, collapsed
    `,
    es: `
      conmocion, puntos de sutura, le pusieron puntos, me pusieron puntos, fractura, fracturo, hueso roto,
      esguince, sangrando, sangre, radiografia, luxacion, no se mueve, inconsciente, no respira, no despierta,
      se trago, se desmayo
    `,
  },
  /** Not fine: cancels `fine_now` where a negation turns it round ("no estoy bien", "she's not ok"). */
  not_fine: {
    en: `
      i am not fine, i am not ok, i am not okay, he is not fine, she is not fine, he is not ok, she is not ok,
      we are not fine, we are not ok, not fine at all, not ok at all
    `,
    es: 'no estoy bien, no esta bien, no estamos bien, no estan bien, nada bien, para nada bien',
  },
  /** Long ago: an old injury mentioned to choose a product ("I hurt my back last year"). */
  long_ago: {
    en: `
      last year, last summer, last winter, last spring, years ago, a while ago, a few years ago, ages ago,
      some time ago, months ago, a long time ago, when i was a kid, when i was a child, when i was younger
    `,
    es: `
      el ano pasado, el verano pasado, el invierno pasado, hace tiempo, hace anos, hace unos anos, hace meses,
      hace mucho, hace un tiempo, cuando era nino, cuando era nina, cuando era pequeno, cuando era pequena,
      cuando era joven
    `,
  },
  /** A campfire: smoke, sparks and scorch marks from one are camping, not a product hazard. */
  campfire: {
    en: 'campfire, campfires, camp fire, bonfire, fire pit, firepit, fire starter, firestarter, around the fire',
    es: 'fogata, fogatas, hoguera, fogon, fuego de campamento, alrededor del fuego, iniciador de fuego',
  },
};

/** Medical situations. */
const MEDICAL: LexiconData = {
  /** Someone lying still: with a relative and a fall or an injury, a medical emergency (not a parcel). */
  not_moving: {
    en: 'not moving, is not moving, stopped moving, not waking up, will not wake up, can not wake him, can not wake her',
    es: 'no se mueve, dejo de moverse, no despierta, no reacciona, no lo puedo despertar, no la puedo despertar',
  },
  symptom: {
    en: `
      allergic~ reaction~, allergy attack, reaction to, anaphylaxis, anaphylactic, hives, rash, rashes,
      can not breathe, could not breathe, trouble breathing, difficulty breathing, short of breath,
      chest pain, seizure, seizures, convulsions, fainted, passed out, vomiting, vomited, throwing up,
      threw up, poisoned, poisoning, food poisoning, diarrhea, diarrhoea, infection, infected, welts,
      chemical burn, unconscious, asthma attack, broke out in, breaking out in, broken out in, broke out with, overdose, overdosed, too many pills,
      too many tablets, poison control,
      anaphylactic shock, throat closing, throat closed up, throat was closing, lips swelled, tongue swelled, face swelled up, swelled up, wheezing, heart racing, palpitations, nosebleed, nose bleed, blistering, chemical burns, severe reaction, bad reaction, went into shock, eyes swelled shut, could hardly breathe, can hardly breathe,
      bitten by a snake, bit by a snake, he collapsed, she collapsed, i collapsed, has collapsed,
      he is not responding, she is not responding, breathing but not responding, he is unresponsive,
      she is unresponsive, not breathing, can not catch my breath,
      lips have gone blue, lips turned blue, gone blue, turned blue, =contractions, can not feel my fingers,
      can not feel my toes, can not feel my feet, can not feel his, can not feel her, blurred vision,
      blurry vision, contact dermatitis, dermatitis, foot ulcer, ulcer, wound that will not heal,
      will not stop bleeding, not stop bleeding, bleeding that will not stop, concussion
    `,
    es: `
      reaccion alergica, reaccion a, ronchas, sarpullido, erupcion, urticaria, no puedo respirar,
      no podia respirar, dificultad para respirar, me falta el aire, dolor de pecho, dolor en el pecho,
      convulsion, convulsiones, me desmaye, se desmayo, desmayo, vomito, vomitos, vomitando, vomite,
      intoxicacion, intoxicado, intoxicada, me intoxique, se intoxico, =intoxico, se intoxicaron, se envenenaron,
      se enveneno, envenenado, envenenamiento, diarrea, infeccion,
      infectado, quemadura quimica, inconsciente, sobredosis, demasiadas pastillas,
      ataque de asma, crisis asmatica, crisis de asma, ataque de alergia, choque anafilactico, se me cerro la garganta, se me hincho la cara, se le hincho la cara, se me hincharon, se le hincharon, palpitaciones, quemaduras quimicas, me salieron ronchas, le salieron ronchas, reaccion fuerte, mala reaccion, casi no podia respirar, no puede respirar,
      me cuesta respirar, le cuesta respirar, me costaba respirar, no podia respirar bien,
      me mordio una serpiente, le mordio una serpiente, picadura de serpiente, no reacciona,
      no respira, se puso morado, se puso azul, labios morados, contracciones, no siento los dedos,
      no siento los pies, sin sensibilidad, veo borroso, vision borrosa, dermatitis, dermatitis de contacto, ulcera,
      herida que no cierra, herida que no cura, en carne viva, carne viva, no para de sangrar, sangrado que no para,
      sangrando sin parar, me arden los ojos, le arden los ojos, conmocion
    `,
  },
  /** Symptoms too mild or too ambiguous alone: "I'm allergic to wool", "the battery is swelling". */
  mild_symptom: {
    en: `
      swelling, swollen, swelled, puffy, itchy, itching, =burning, stinging, blisters, blistered, allergic,
      allergy, dizzy, nauseous, nausea, fever, bleeding, migraine, red, irritation, numb, pain,
      tingly, tingling, headache, headaches, stomach ache, stomachache, stomach pain, cramps, burning eyes, watery eyes, peeling, sting, stings,
      =sores, open sores, scabs, oozing, lesions, covered in bumps, bumps all over,
      shivering, shaking uncontrollably, drooling, lightheaded, light headed
    `,
    es: `
      hinchazon, hinchado, hinchada, inflamado, inflamada, comezon, picazon, ardor, me arde, me pica,
      ampollas, alergia, alergico, alergica, mareo, mareado, nauseas, fiebre, irritacion, dolor, roja, rojo,
      hormigueo, entumecido, entumecida, dolor de cabeza, dolor de estomago, ardor de ojos, me lloran los ojos, mareos, colicos, se me pela, arde,
      llagas, costras, granos por todo, supurando,
      temblando, tiemblo mucho, babeando, mareada, aturdido, aturdida
    `,
  },
  /** Conditions of the outdoors: an emergency when someone has one, not when a product prevents it. */
  condition: {
    en: `
      hypothermia, hypothermic, frostbite, frost bite, frostbitten, heatstroke, heat stroke, heat exhaustion,
      altitude sickness, snake bite, snakebite, carbon monoxide poisoning, dehydrated, severely dehydrated
    `,
    es: `
      hipotermia, congelamiento, congelacion, golpe de calor, insolacion, mal de altura, mal de montana, soroche,
      mordedura de serpiente, picadura de serpiente, deshidratado, deshidratada
    `,
  },
  /** Someone has it: "I think I have", "le dio". */
  sufferer: {
    en: `
      i have, i think i have, think i have, i got, i have got, he has, she has, he got, she got, has got,
      we think, think he has, think she has, is, signs of, symptoms of, suffering from
    `,
    es: `
      tengo, creo que tengo, tiene, le dio, me dio, estoy con, esta con, sintomas de, senales de, creo que es,
      creo que tiene
    `,
  },
  /** Prevention and products: "a jacket that protects against hypothermia", "snake bite kit". */
  prevent: {
    en: `
      protect against, protects against, protection against, protection from, prevent, prevents, avoid, to avoid,
      kit, rated for, in case of, risk of, guard against
    `,
    es: `
      proteger de, protege de, proteccion contra, contra la, contra el, prevenir, evitar, para evitar, kit,
      en caso de, riesgo de
    `,
  },
  /** Emergency care: going there is the event. */
  care_place: {
    en: `
      hospital~, hospitalized, hospitalised, emergency~ room, =er, a&e, urgent care, ambulance~, =icu,
      intensive care, poison control, paramedics, emergency vet, medical attention, medical emergency,
      walk in clinic, 911, 999, 112, clinic
    `,
    es: `
      hospital~, hospitalizado, hospitalizada, urgencias~, emergencias, ambulancia~, terapia intensiva,
      cuidados intensivos, toxicologia, atencion medica, guardia, 911, clinica, sala de emergencias
    `,
  },
  /** Doctors and the like: mentioned every day ("my doctor recommended…"), an event only if visited. */
  clinician: {
    en: `
      doctor, physician, pediatrician, paediatrician, dermatologist, allergist, =gp, the vet, a vet, =vet,
      veterinarian, nurse, specialist, dentist, eye doctor
    `,
    es: `
      medico, medica, doctor, doctora, pediatra, dermatologo, dermatologa, alergologo, veterinario,
      veterinaria, enfermera, dentista
    `,
  },
  /** Treatment that shows something happened. */
  treatment: {
    en: `
      surgery, operation, operated, epipen, epi pen, antihistamine, antihistamines, steroids,
      pumped his stomach, pumped her stomach, x-ray, xray, prescribed, treated for, admitted, iv, stitched up
    `,
    es: `
      cirugia, operar, operaron, operacion, antihistaminico, lavado de estomago, radiografia, internado,
      internada, le recetaron, me recetaron, tratamiento
    `,
  },
  /** A reaction of the body: with the body or a product, a medical situation. */
  reaction: {
    en: `
      reaction, reactions, reacted, breakout, broke out, flare up, flared up
    `,
    es: `
      reaccion, reacciones, reacciono, brote
    `,
  },
  /** Going to (or being taken to) care. */
  visit: {
    en: `
      go to, went to, gone to, going to, ended up, end up, rushed, taken to, take him, take her, take my,
      took, had to, have to, admitted, call, called, in the, at the, in, at, to the, visit, treated, see a,
      saw a, seeing a, trip to, appointment
    `,
    es: `
      ir a, ir al, fui a, fui al, fuimos a, fuimos al, ido a, llevar, llevamos, llevaron, llevarlo, llevarla,
      termine en, acabe en, tuve que, tuvimos que, tuvo que, estuve en, esta en, internado, internada, ver al,
      ver a, al, en el, en la, llamar, llame, cita con
    `,
  },
  ingest: {
    en: `
      swallowed, ingested, put in his mouth, put in her mouth, inhaled, got in my eyes, got in his eyes,
      got in her eyes, drank some, ate some,
      drank some of, ate some of, swallowed some, drank a bit of, swallowed a bit of, chewed on the
    `,
    es: `
      se trago, trago, me trague, ingirio, ingeri, inhalo, se lo metio a la boca, se tomo el, se tomo la,
      se bebio,
      se tomo un poco, se bebio un poco, se comio un poco, tomo un poco de, trago un poco, se metio a la boca
    `,
  },
  ate: {
    en: `
      ate, eaten, eating, drank, drunk, chewed, licked, swallow, used, using, wearing, wore, applied, took
    `,
    es: 'comio, comi, se comio, me comi, bebio, bebi, use, usar, usando, me puse, aplique, tome, por',
  },
  /** Feeling ill. */
  ill: {
    en: `
      feel sick, feel ill, feeling sick, feeling ill, got sick, made me sick, made him sick, made her sick,
      unwell, in pain, sick, by mistake, accidentally, really sick, very sick, so sick, ill
    `,
    es: `
      me siento mal, se siente mal, enfermo, enferma, me enferme, se enfermo, me hizo dano, le hizo dano,
      dolor, por error, sin querer
    `,
  },
  /** The product the customer bought. */
  product_ref: {
    en: `
      that i bought, i bought, we bought, you sold, you sent, from you, from your, your product, the product,
      your food, the food, the treats, the snacks, your
    `,
    es: `
      que compre, que compramos, que me vendieron, que nos vendieron, de ustedes, el producto, su producto,
      la comida, las golosinas, las galletas
    `,
  },
  /** Fed up: "sick of" is not an illness. */
  fed_up: {
    en: `
      sick of, sick and tired, so sick of, sick to death of, getting sick of
    `,
    es: `
      harto de, harta de, enfermo de esperar, enferma de esperar
    `,
  },
  /** "I'm a nurse", "my doctor recommended": care that is not an emergency. */
  not_medical: {
    en: `
      my doctor recommended, doctor recommended, recommended by my, scrubs, for nurses, for doctors,
      nurse shoes, nursing, rash guard, rash vest, hospital corners, doctor who, er nurse, for work, to work,
      medical discount, medical professionals, sensitive skin, hypoallergenic, allergic to, allergy friendly,
      red color, in red, the red, red one, red jacket, red dress, pain in the, growing pains, pain point,
      reacted well, reacts well, no reaction, good reaction, great reaction, reaction from, reaction to the new, reaction to the collection,
      overdose of good, overdose of cute, overdose of fun,
      caffeine overdose, overdose of caffeine, overdose on caffeine, overdose energy, energy gel
    `,
    es: `
      me recomendo, recomendo mi, para enfermeras, para medicos, uniforme, descuento, piel sensible,
      hipoalergenico, soy alergico, soy alergica, en rojo, color rojo, la roja, el rojo,
      sobredosis de cafeina, sobredosis de azucar,
      sobredosis de cafe, sobredosis de buena
    `,
  },
};

/** Medical look-alikes: a hospital as an errand, allergies asked about before buying. */
const MEDICAL_LOOKALIKES: LexiconData = {
  /** At a hospital for someone else or for a happy reason: visiting, a gift, having a baby. */
  care_errand: {
    en: `
      visiting, visit him, visit her, keeping him company, keeping her company, collecting his order,
      collect his order, collecting her order, collect her order, pick up his order, pick up her order,
      gift wrapping, to cheer her up, to cheer him up, hospital stay, having a baby, giving birth,
      maternity, bag for the hospital, deliver to the hospital, deliver to a hospital, as a thank you,
      thank you gift
    `,
    es: `
      acompanando a, acompanar a, acompano a, visitando a, de visita, para animarlo, para animarla,
      entregan en hospitales, entregar en el hospital, entregan en el hospital, mandar al hospital,
      dar a luz, =parto, bolso para el hospital, maleta para el hospital, sala de espera, como agradecimiento,
      =regalar, =regalarle, de regalo para
    `,
  },
  /** Asked before buying: "pregunto antes de pedir", "aún no los compro", "before I order". */
  before_buying: {
    en: `
      before i buy, before i order, before i purchase, asking before buying, asking before ordering,
      know before buying, know before i buy, know before ordering, know before i order, check before buying,
      have not bought it yet, have not bought them yet, not bought it yet, not bought them yet,
      have not ordered yet, not ordered yet, not bought yet, thinking of buying, thinking about buying,
      planning to buy, before i place an order, before placing an order
    `,
    es: `
      pregunto antes de comprar, pregunto antes de pedir, pregunto antes de hacer el pedido, saber antes de comprar,
      saber antes de comprarlo, saber antes de comprarla, saber antes de comprarlos, saber antes de comprarlas,
      saber antes de pedir, aun no los compro, aun no lo compro,
      aun no la compro, aun no las compro, todavia no los compro, todavia no lo compro, todavia no la compro,
      no los he comprado, no las he comprado, no lo he comprado, no la he comprado, aun no he comprado,
      todavia no he comprado, aun no he pedido, todavia no he pedido, estoy pensando en comprar,
      pienso comprar
    `,
  },
  /** Whether a product could cause something: "¿le puede dar alergia?", "does it contain latex?". */
  risk_q: {
    en: `
      can it cause, could it cause, will it cause, would it cause, can it give, could it give, does it contain,
      do they contain, is it safe for, are they safe for, suitable for, ok for someone with,
      okay for someone with, safe for someone with, what is it made of, asking about the fabric,
      asking about the material, i mean the fabric, i mean the material
    `,
    es: `
      le puede dar, me puede dar, le puede causar, me puede causar, puede provocar, puede dar alergia,
      puede causar, contiene, contienen, llevan frutos, lleva frutos, tienen latex, tiene latex, son de latex,
      son de nitrilo, es apto para, son aptos para, es apta para, de que material, de que esta hecho,
      pregunto por la tela, pregunto por el material, pregunto por el tejido, lo digo por la tela
    `,
  },
};

/** A death in the family. */
const BEREAVEMENT: LexiconData = {
  death: {
    en: `
      died, dies, dead, death, passed away, passed on, pass away, deceased, killed, no longer with us, rip,
      suicide
    `,
    es: `
      murio, muere, muerto, muerta, muerte, fallecio, fallecido, fallecida, fallecer, falleciera, se nos fue,
      se fue al cielo, descanse en paz, descansa en paz
    `,
  },
  /** Losing someone: "lost my mum", "perdí a mi papá". */
  loss: {
    en: 'lost, losing, lose, buried, burying, mourning, mourn',
    es: 'perdi a, perdimos a, perdio a, perder a, enterramos a, enterrar a',
  },
  /** "my son passed" (and not "passed his exam"). */
  passed: {
    en: 'passed, passing, =gone, is gone',
    es: 'se nos fue, ya no esta con nosotros',
  },
  /** Words that mean bereavement by themselves. */
  mourning: {
    en: `
      funeral, funerals, bereavement, bereaved, memorial service, =memorial, death in the family,
      death in my family, death in our family, the wake, obituary, passed away, late husband, late wife,
      late mother, late father, late mom, late mum, late dad, late son, late daughter, late partner,
      late brother, late sister, late grandmother, late grandfather, my condolences, grieving, grief,
      his estate, her estate, executor, rest in peace, deceased, widow, widowed, widower,
      no longer with us, not with us anymore, he passed before, she passed before
    `,
    es: `
      !duele, !duelen, funeral, funerales, velorio, velatorio, sepelio, entierro, luto, duelo, fallecimiento, defuncion,
      en paz descanse, q e p d, qepd, difunto, difunta, finado, finada, viuda, viudo, perdida de mi, esquela,
      ya no esta con nosotros, ya no esta entre nosotros
    `,
  },
  /** A flat battery or a crashed laptop "died" too; "dead on arrival" is a faulty product. */
  not_death: {
    en: `
      dead on arrival, died on me, dead battery, battery died, battery is dead, lost my order,
      lost the package, lost my package, lost in the mail, lost in transit, lost my receipt, lost my password,
      lost my card, lost weight, to die for, dying to, dead set, dead end, deadline, dead tired, i am dead,
      dead lol, lmao dead, passed the, passed my, passed it, passed on the, passed along, lost track,
      lost my way, lost interest, gone wrong, gone missing, gone through, all gone, killed it, lost the,
      lost a, lost my job, passed her, passed his, passed their, passed all, passed an, passed by, passed me,
      passed you, passed them, passed down,
      passed through, passed us, good grief, memorial day, my son lost, my daughter lost, lost his, lost her,
      lost their, dead phone, died down, dead quiet, dead heat, dead serious, going to kill me,
      gonna kill me, will kill me, would kill me, are going to kill me
    `,
    es: `
      se murio mi celular, se me murio, murio la bateria, bateria muerta, muerto de risa, muerta de risa,
      muerto de cansancio, muerta de cansancio, muero de ganas, me muero de, perdi mi pedido,
      perdi el paquete, perdi mi contrasena, perdi la contrasena, perdi mi tarjeta, murio de risa,
      muero de risa, se murio el, se murio la, muerta la bateria, muerto el
    `,
  },
};

/** Every concept the escalation intents use. */
export const CONCEPTS: LexiconData = {
  ...SHARED,
  ...REQUEST,
  ...REQUEST_MORE,
  ...SELF_HARM,
  ...LEGAL,
  ...LEGAL_LOOKALIKES,
  ...SECURITY,
  ...SECURITY_LOOKALIKES,
  ...SAFETY,
  ...SAFETY_LOOKALIKES,
  ...MEDICAL,
  ...MEDICAL_LOOKALIKES,
  ...BEREAVEMENT,
};

/** The concepts (`#escalation-concepts`: a Lambda bundle reads the same from `concepts.packed.ts`). */
export function concepts(): LexiconData {
  return CONCEPTS;
}
