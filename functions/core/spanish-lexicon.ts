/**
 * Spanish questions read against an English knowledge base: a bilingual lexicon of support
 * vocabulary (envío → shipping, devolución → return, cuánto cuesta → how much…) turns a Spanish
 * question into the English words it asks about. Words are matched by their Snowball (Spanish) stem,
 * so plurals and verb forms follow; a word the lexicon does not know is kept as written (names and
 * cognates such as "Canadá" or "Portland" still match, and an unknown topic stays unknown).
 */

import { detectLanguage } from './language.ts';
import { STEMMERS } from './stemmers.ts';

const stemmer = STEMMERS.es;

/** Lowercase without accents (ñ becomes n). */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** A question opener: at the start of the text or of a clause ("hola, ¿cómo…"). */
function opener(words: string): RegExp {
  return new RegExp(`(?<=^|[,.;:!?] ?)(?:${words})\\b`, 'g');
}

/**
 * Spanish expressions and their English meaning, in order, on folded text. Question openers become
 * the English openers the answer-type rules read ("cuánto cuesta" → "how much does it cost").
 */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\btiendas? de campana\b|\bcasas? de campana\b/g, 'tent'],
  [
    /\b(cuanto|que) (cuesta|cuestan|vale|valen|cobran|sale|salen)\b|\bque precio\b|\bcual es el (precio|costo|coste)\b/g,
    'how much does it cost',
  ],
  [
    /\bcuanto (tiempo )?(suele |suelen )?(tarda|tardan|tardar|tardara|tardaria|demora|demoran|demorar)\b|\bcuanto tiempo\b|\bcuantos dias\b|\bque plazo\b|\bplazo\b/g,
    'how long',
  ],
  [/\bque tan (rapido|pronto)\b|\bcon que rapidez\b/g, 'how quickly'],
  [/\bcuanto (dura|duran|tiempo dura)\b/g, 'how long'],
  [/\bque tan\b/g, 'how'],
  [/\ba quien\b|\bquien\b/g, 'who'],
  [
    /\b(no se (puede|pueden)|no puedo) devolver\b|\bno (admite|admiten) devolucion(es)?\b/g,
    'cannot be returned',
  ],
  [/\btengo (una|un) (tienda|negocio|comercio)\b/g, 'i have a store'],
  [/\b(vender|revender) (sus|vuestros|tus) (productos|articulos|prendas)\b|\brevender\b/g, 'resell'],
  [/\bdirecci(o|ó)n de (envio|entrega)\b/g, 'address'],
  [/\bsin (crear |tener |abrir |registrar(me|se)? )?(una )?cuenta\b/g, 'guest account'],
  [/\bsin (crear |tener |abrir |registrar(me|se)? )?(una )?cuenta\b|\bcomo invitado\b/g, 'guest'],
  [/\bcuanto (tiempo )?(tarda|tardan|demora|demoran)n? en llegar\b/g, 'how long delivery'],
  [/\bdonde (estan|estais|quedan|se encuentran|se ubican)( ubicados| ubicadas)?\b/g, 'where are you located'],
  [/\b(tarjeta|tarjetas) de (credito|debito)\b/g, 'credit card'],
  [/\bguia de tallas\b|\btabla de (tallas|medidas)\b/g, 'size chart'],
  [/\bfecha de (vencimiento|caducidad|expiracion)\b/g, 'expiry'],
  [/\bhoy mismo\b|\bel mismo dia\b/g, 'same day'],
  [/\b(a|desde) partir de\b/g, 'from'],
  [/\b(tienda|local) (principal|insignia)\b/g, 'flagship store'],
  [/\ba que hora\b/g, 'what time'],
  // "Cuando" before a verb that asks ("cuando me llega", "cuando abren") asks a time.
  [
    /\bcuando(?= (me |nos |te |le |les |lo |la |los |las |se )?(llega|llegan|llegara|llegaran|llegaria|sale|salen|saldra|abren|abre|cierran|cierra|es|son|seria|puedo|podre|hay|tarda|tardan|empieza|empiezan|vence|vencen|caduca|caducan|termina|terminan|reciben|recibo|recibire|mandan|envian|devuelven|reembolsan|estara|estaran|va|van)\b)/g,
    'when will',
  ],
  [/\bcuando\b/g, 'when'],
  [/\bdonde (lo |la )?(veo|puedo ver|miro|consulto|reviso)\b/g, 'where'],
  [/\bdonde\b/g, 'where'],
  [/\b(cual|cuales) (es|son) (su|sus|el|la|los|las|tu|tus)\b/g, 'what is your'],
  [opener('como|de que manera'), 'how do i'],
  [opener('puedo|podria|se puede|es posible|me pueden|pueden|podrian|podemos'), 'can i'],
  [
    opener('(?=(?:tienen|tiene|ofrecen|hacen|aceptan|venden|hay|cobran|envian|abren|atienden|dan)\\b)'),
    'do you',
  ],
  [/\b(atencion|servicio) al cliente\b|\bsoporte\b/g, 'customer support'],
  [/\btarjetas? (de )?regalo\b/g, 'gift card'],
  [/\bcodigos? (de )?(descuento|promocion(al)?)\b|\bcupon(es)?\b/g, 'discount code'],
  [/\bnumero de telefono\b|\bnumero telefonico\b/g, 'phone number'],
  [/\bcorreo electronico\b|\be-?mail\b/g, 'email'],
  [/\bdireccion postal\b/g, 'postal address'],
  [/\bfin(es)? de semana\b/g, 'weekend'],
  [/\bropa interior\b/g, 'underwear'],
  [/\b(saco|sacos|bolsa|bolsas) de dormir\b/g, 'sleeping bag'],
  [/\bmensajes? de texto\b/g, 'text messages'],
  [/\bventa final\b/g, 'final sale'],
  [/\b(recoger|retirar|recogida|recojo)\b/g, 'pick up'],
  [/\b(formas?|metodos?|medios?) de pago\b/g, 'payment methods'],
  [/\b(dejar|deje|dejo) de recibir\b|\bdar(me|se)? de baja\b/g, 'stop'],
  [/\b(desde |de )?fuera de (los )?(estados unidos|ee\.? ?uu\.?|eeuu)\b/g, 'outside the us'],
  [/\bestados unidos\b|\bee\.? ?uu\.?\b|\beeuu\b/g, 'united states'],
  [/\b(devolver|devuelven|devolucion del|reembolsar) (el|mi) dinero\b|\bdinero de vuelta\b/g, 'refund'],
  [
    /\b(llamar|llamen|llamarme|llamenme)( por telefono)?( mas tarde| de vuelta| luego)\b|\bdevolver(me)? la llamada\b/g,
    'call back',
  ],
  [/\bhablar con (una persona|alguien|un agente|un humano|una persona real)\b/g, 'talk to a person'],
  [/\bno (lo |la )?(encuentro|encuentra|encontramos)\b/g, 'cannot find'],
  [/\bno (ha |me ha )?(llegado|llega|llego)\b/g, 'never arrived'],
  [
    /\bprecio igualado\b|\bigualacion de precios?\b|\bigualar (el )?precio\b|\bigualan (los |el )?precios?\b/g,
    'price match',
  ],
  [/\blavar en seco\b|\blimpieza en seco\b/g, 'dry clean'],
  [/\bsuavizante\b/g, 'fabric softener'],
  [/\bpelotas de tenis\b/g, 'tennis balls'],
  [/\bdatos personales\b/g, 'personal data'],
  [/\biniciar sesion\b|\b(entrar|ingresar|acceder) (a|en) (mi|la) cuenta\b/g, 'sign in'],
  [/\bhorarios? de (atencion|oficina)\b/g, 'opening hours'],
  // "Dejar guardada la dirección" is saving it; "no me deja usarlo" is "it won't let me".
  [/\b(dejar|dejo|deje|dejarla|dejarlo) (guardad[oa]s?|grabad[oa]s?)\b/g, 'saved'],
  [/\b(no )?(me|nos) (deja|dejan|dejo)\b/g, 'cannot'],
  // An "etiqueta" is the clothing's tag when the item still has it, else the shipping label.
  [/\bcon (la |las |sus |su )?etiquetas?\b/g, 'with tags'],
  [/\batencion al cliente\b|\bservicio al cliente\b/g, 'customer support'],
  [/\bzona horaria\b/g, 'time zone'],
  [/\ben linea\b/g, 'online'],
  [
    /\b(abrir|abro|armar|armo|hacer|hacerme|crear|crearme|sacar|saco) (una |mi |la )?cuenta\b/g,
    'create account',
  ],
  [/\bvolver a (recibir|activar)\b/g, 'start again'],
  [/\b(otra vez|nuevamente)\b/g, 'again'],
  [/\b(trabajan|trabajais)\b/g, 'open'],
  // "¿Es normal?" asks whether something is usual, not about standard shipping.
  [/\b(es|sera|seria|esta) normal\b/g, ''],
  [/\b(dia de )?accion de gracias\b/g, 'thanksgiving'],
  [/\b(dia del (trabajo|trabajador)|primer lunes de septiembre)\b/g, 'labor day'],
  [/\bfin de ano\b/g, 'new year'],
  [/\b(cual es el|que) proceso\b/g, 'how do i'],
  [/\bno (me |le |te |nos )?(queda|quedan|quedo|quedaron)( bien)?\b/g, 'wrong size'],
  [/\b(la plata|el dinero|mi plata|mi dinero)\b(?=.*\b(devuelv|reembols))/g, 'refund'],
  [/\bno (aceptan|admiten|reciben|toman) (en )?(devolucion(es)?|de vuelta)\b/g, 'cannot be returned'],
  [/\bventa final\b/g, 'final sale'],
  [/\b(informacion|info|datos) del? (envio|paquete|pedido|rastreo)\b/g, 'tracking'],
  [/\b(pasar|ir|venir) a (buscar|recoger|retirar)(lo|la|los|las)?\b/g, 'pick up'],
  [/\b(reino unido|inglaterra|escocia|gales)\b/g, 'united kingdom'],
  [/\bdesgaste( normal| natural)?\b|\buso normal\b/g, 'wear and tear'],
  [/\bentra(n)? en (la )?garantia\b/g, 'warranty cover'],
  [/\bde por vida\b|\bvitalici[ao]s?\b/g, 'lifetime'],
  [/\bcolumna de agua\b/g, 'waterproof rated'],
  // "Gotas" (drops of water) as a phrase: its stem is the English "got".
  [/\bgotas?\b/g, 'beads'],
  [/\bsecador(a)? de pelo\b/g, 'direct heat'],
  [/\bcodigos? postal(es)?\b/g, 'zip code'],
  [/\bpor correo (normal|postal|certificado|ordinario)\b|\bpor correos\b/g, 'by post'],
  [/\bdirecci(o|ó)n fisica\b/g, 'postal address'],
  [/\bseguir (el|mi|los|mis) (envio|pedido|paquete)s?\b/g, 'track order'],
  [/\bpago (el )?envio\b/g, 'pay shipping'],
  [
    /\b(mandar|mando|mandarla|mandarlo|enviar|envio|aceptan|acepta|aceptar|recibir|reciben|llevar|llevo) de vuelta\b/g,
    'return',
  ],
  [/\bde inmediato\b|\binmediatamente\b|\binmediato\b/g, 'immediately'],
  [/\bajuste de(l)? precio\b/g, 'price match'],
  [/\b(darme|darse|darla|darlo|dar) de baja\b/g, 'cancel'],
  [/\bal por mayor\b/g, 'wholesale'],
  [/\bano nuevo\b/g, 'new year'],
  [/\bnochebuena\b/g, 'december 24'],
  [/\bnochevieja\b/g, 'december 31'],
  [/\bllegar (mi|el|su|los|mis) (pedido|paquete|compra)s?\b/g, 'order arrive'],
  [/\btiendas? fisicas?\b/g, 'store'],
  [/\bno (me )?(acuerdo|recuerdo)\b|\bse me olvido\b/g, 'forgot'],
  [/\b(cerrar|cierro|eliminar|borrar|dar de baja) (mi|la|una) cuenta\b/g, 'delete account'],
  [/\bentre semana\b|\bde lunes a viernes\b|\bdias (habiles|laborables)\b/g, 'monday friday'],
  [
    /\b(me |le |te )?(queda|quedo|quedan|quedaron|viene|vino) (muy |demasiado |un poco )?(chic[oa]s?|pequen[oa]s?|grandes?|apretad[oa]s?|ajustad[oa]s?|holgad[oa]s?)\b/g,
    'wrong size',
  ],
  [
    /\bdonde (esta|estan|anda|va|viene) (mi|mis|el|los) (pedido|paquete|compra|envio)s?\b/g,
    'where is my order',
  ],
  [
    /\b(correos|emails?|mensajes?) (de )?(publicidad|promocion(es|ales)?|marketing)\b|\bboletin(es)?\b/g,
    'marketing emails',
  ],
  [/\bforro polar\b/g, 'fleece'],
  [
    /\bcambio(?= (mi|mis|el|la|los|las|de) \[?(correo|email|direccion|contrasena|password|clave|telefono|phone|numero|cuenta|nombre|datos))/g,
    'change',
  ],
  [/\bpor favor\b/g, ''],
  [/\b(la|lo|las|los|le) cambio\b/g, 'change'],
  [/\b(cambiar|cambio|cambie) (mi |la |el )?(contrasena|clave)\b/g, 'reset password'],
  [/\b(a )?(que|cual) direccion\b/g, 'what address'],
  [/\b(tengo|hay|habra) que pagar\b|\bse paga\b/g, 'have to pay'],
  [/\btengo (\d+ )?(dias|semanas|meses|anos)\b|\bcuanto tiempo tengo\b/g, 'how long do i have'],
  [/\bguarda(n|ran)? (el|mi|los|mis|tu|su|un) (pedido|paquete|compra)s?\b/g, 'hold order'],
  [/\bno (lo |la |los |las )?(veo|aparece|aparecen|sale|salen)\b/g, 'show'],
  [/\bvale la pena\b/g, ''],
  [/\bjunto a\b|\bcerca de\b|\bal lado de\b/g, 'near'],
  [/\bde la tarde\b|\bde la noche\b/g, 'pm'],
  [/\bcapas? base\b/g, 'base layer'],
  [
    /\bcambio(?= +(mi|mis|el|la|los|las|de) +\[?(correo|email|direccion|address|contrasena|password|clave|telefono|phone|numero|number|cuenta|nombre|datos|tarjeta))/g,
    'change',
  ],
  [/\bcambiar(la|lo|las|los)? por\b|\b(la|lo|las|los) (puedo |podria )?cambiar por\b/g, 'exchange'],
  [/\ben (mi|la) (tarjeta|cuenta bancaria|banco)\b/g, 'bank'],
  [/\b(otra|otras|otro|otros) (tiendas?|comercios?|sitios?|paginas?)\b/g, 'other store'],
  [/\b(veo|vere|ver|veria)\b(?= (el|mi|los|la) (reembolso|dinero|cargo|devolucion))/g, ''],
  [
    /\bentre (la |una |el |talla )?(xxs|xs|s|m|l|xl|xxl|chica|mediana|grande)( y | o )(la |una |el )?(xs|s|m|l|xl|xxl|chica|mediana|grande)\b/g,
    'between two sizes',
  ],
  [/\b(el |un |al |este |ese )?(bot|chatbot|robot)\b/g, 'bot'],
  [
    /\b(me |nos )?(devuelven|devuelvan|devolverian|devolveran|reembolsan|reembolsen) (la cuota|el dinero|lo que pague|el pago|mi dinero|la membresia|la plata|mi plata|(los |mis )?(\d+ )?(dolares|pesos|euros))\b/g,
    'refund',
  ],
  [/\bcuanto (me|nos|te|le) (sale|salen|cuesta|cuestan|cobran|costaria|saldria)\b/g, 'how much does it cost'],
  [/\bdonde (lo |la )?(veo|puedo ver|miro)\b/g, 'where'],
  [/\b(me |te |nos )?(lo|la|los|las) guarda(n|ran)?\b/g, 'hold'],
  [/\b(envio|gastos de envio) de (vuelta|regreso|devolucion)\b/g, 'return shipping'],
  [/\b(rebaja|liquidacion|oferta) final\b/g, 'final sale'],
  [/\bno (quiero|deseo) (recibir|que me (manden|envien))\b/g, 'stop'],
  [/\b(de|en la|por la) noche\b|\bfuera de(l)? horario\b/g, 'after hours'],
];

/** Spanish words (as written; each form is stemmed) and the English words they stand for. */
const WORDS = `
envio envios enviar envian enviado mandar despacho|shipping
entrega entregar entregan entregas|delivery
entregado entregada|delivered
devolucion devoluciones devolver devuelvo devuelven devolverlo devolverla|return
reembolso reembolsos reembolsar reembolsan|refund
cambios cambio canje canjear|exchange
cambiar cambiarlo cambiarla cambia|change
paqueteria paqueterias mensajeria transportista transportistas|carrier
espana alemania francia italia portugal irlanda holanda europa|europe
atienden atiende atender atienda|open
abre|open
contacto|contact
credito debito|credit card
cuota cuotas|fee
vencimiento caducidad|expiry
plumifero plumiferos|down jacket
cuido cuidar cuidado cuidados mantener mantenimiento|care
cuero piel|leather
datos dato|data
beneficios beneficio ventajas ventaja|benefits
pido|order
hoy|today
manana|morning
sale salen salga|leave
carta cartas|letter
descosio descosido descosida|came apart
marca|brand
fisica fisico|physical
talla tallas tamano medida|size
tienda tiendas|store
horario horarios|hours
hora horas|hours
abren abrir abierto abierta|open
cierran cerrar cerrado cerrada|closed
precio precios costo coste costos tarifa tarifas cargo cargos cobro|cost
gratis gratuito gratuita gratuitos|free
pedido pedidos orden ordenes compra compras|order
paquete paquetes bulto|parcel
cuenta cuentas perfil|account
contrasena clave|password
restablecer recuperar resetear restablezco recupero|reset
olvide olvidar olvidado|forgot
rastrear rastreo seguimiento localizar|tracking
numero|number
telefono|phone
correo|email
direccion direcciones|address
garantia garantias|warranty
defecto defectos defectuoso defectuosa falla fallas|defect
danado danada danados roto rota rotos|damaged
perdido perdida extraviado extraviada|lost
chaqueta chaquetas chamarra chamarras abrigo abrigos campera|jacket
impermeable impermeables|waterproof
transpirable|breathable
lavar lavo lavado lavarla lavarlo|wash
secar seco secado secadora|dry
plumon plumas pluma|down
bota botas calzado|boots
membresia membresias suscripcion|membership
socio socios miembro miembros|members
descuento descuentos rebaja rebajas|discount
codigo codigos|code
tarjeta tarjetas|card
regalo regalos|gift
caducan caducar caduca caducidad vencen vencer vence expiran expirar|expire
pago pagos|payment
pagar pago pagan|pay
aceptan aceptar acepta|accept
impuesto impuestos arancel aranceles aduana aduanas|duties taxes
internacional internacionales extranjero|international
nacional nacionales|domestic
estandar normal normales|standard
expres express urgente rapido rapida|express
semana semanas|week
dia dias|days
mes meses|month
ano anos|year
minuto minutos|minutes
lunes|monday
martes|tuesday
miercoles|wednesday
jueves|thursday
viernes|friday
sabado sabados|saturday
domingo domingos|sunday
navidad|christmas
festivo festivos feriado feriados|holiday
articulo articulos producto productos prenda prendas cosa cosas|item
ropa|clothing
calcetines calcetin medias|socks
eliminar elimino borrar borro|delete
crear creo|create
preferencias preferencia|preferences
publicidad promocional promociones|marketing
mensaje mensajes|messages
texto textos|text
persona personas alguien agente agentes humano equipo personal|person
hablar|talk
llamar llamada llamadas|call
responder respuesta respuestas contestan responden contestar|reply
prensa periodista periodistas|press
mayorista mayoristas distribuidor distribuidores revender|wholesale
recomiendan recomendar recomiendas recomienda|recommend
elegir elijo escoger escojo|choose
temprano|early
veo ver consultar consulto revisar reviso checar|check
enlace enlaces vinculo link|link
saldo|balance
cubre cubrir cubren cubierto|cover
ablandar ablando domar amoldar|break in
escribir escribo escribirles|write
incluyen incluye incluido incluidos|include
entre|between
dos|two
tres|three
cuatro|four
cinco|five
usar utilizar uso|use
banco|bank
encontrar|find
pecho|chest
pesa peso pesan|weigh
limpiar limpio|clean
foto fotos fotografia|photo
reemplazo|replacement
guardada guardado guardadas guardados|saved
guardar almacenar guardo|store
mail mails|email
usuario usuarios|account
registrarme registrarse registrar registro|create account
plata dinero|money
barata barato baratas baratos|cheaper
diferencia|difference
ayer anoche|yesterday
mude mudanza mudarme mudamos|moving house
desuscribo desuscribir desuscribirme desuscribirse|unsubscribe
desactivo desactivar desactivarlos apagar apago apagarla|stop
reactivo reactivar reactivarlos|start again
notificacion notificaciones|messages
oferta ofertas|marketing
local locales|store
bodega almacen|warehouse
liquidacion|final sale
renueva renovar renovacion renueve renuevan|renews
confirmar confirmo|confirm
pedi|order
perdio perdieron|lost
reclamar reclamo reclamacion|claim
repartidor repartidores cartero|carrier
anular anulo|cancel
confundi equivoque|wrong
interes intereses|interest
agua|water
mojado mojada mojados mojadas empapado empapadas|wet
caida caidas accidente accidentes|accidents
asesor asesora asesores|person
mandais mandeis|shipping
probar probarme probarlas probarlos|try on
gente|person
humana humanas|person
llamarlos llamarles llamaros|call
revista revistas|magazine
medios|media
cerrais cierras cerramos|closed
efectivo|cash
combinar combino acumular acumulo juntar|combined
repele repelen repelente|repel
estrenar estrene estreno|break in
regresar regreso regresarlo regresarla|return
quite quitar quitado quitada quitadas|removed
avisan avisais avisar avisaran avisen|email
emitir emitieron emiten emitido emitida|issued
bordar bordado bordada bordados bordadas|embroidered
listo lista listos listas|ready
esperar espero esperamos esperan|wait
minimo minima|minimum
aplicar aplican aplicarlo aplicarme|applied
fija fijo|flat
membrana membranas|membrane
costura costuras|seams
instrucciones instruccion|instructions
nunca jamas|never
internet|online
atencion soporte|support
usarlo usarla usarlos|use
camperon camperones|jacket
negro negra blanco blanca rojo roja azul verde gris amarillo amarilla rosa marron morado|colour
jabon detergente|detergent
celu cel|phone
mano|hand
cliente clientes|customer
club|club
hombre hombres|men
mujer mujeres|women
mediana mediano|medium
grande|large
pequena pequeno|small
ascenso caminata caminatas senderismo|hiking
nuevas nuevos nueva nuevo|new
usado usada usados|used
etiqueta etiquetas|label
recibir recibire recibo recibido|receive
aparecer aparece aparezca reflejar reflejado refleja|appear
llegar|delivery
estado|status
mayor|larger
menor|smaller
ayuda|help
cancelar cancelo cancelacion|cancel
gasto gastos|cost
enero|january
febrero|february
marzo|march
abril|april
mayo|may
junio|june
julio|july
agosto|august
septiembre setiembre|september
octubre|october
noviembre|november
diciembre|december
llegue llega llegara llegan llegaria|delivery
mochila mochilas|backpack
zapatilla zapatillas zapato zapatos|shoes
pantalon pantalones|pants
camiseta camisetas camisa camisas|shirt
guante guantes|gloves
gorro gorros gorra gorras|hat
chaleco chalecos|vest
sudadera sudaderas|hoodie
sucursal sucursales|store
empleado empleados asesor asesores representante representantes|person
limite limites|limit
baja|stop
pedir|order
vender venden vendes|sell
cambie cambiamos cambiaste|change
celular cel movil|phone
actualizo actualizar actualice actualizarlo|update
despues luego|after
monto montos cantidad|amount
maximo maxima|maximum
otra otras otro otros|other
encuentro encuentra encuentran|find
capa capas|layer
chica chico chicas chicos|small
estufa estufas calefactor calefaccion radiador chimenea|heater
tarda tardan tardar demora|take
tarde|afternoon
muestra mostrar mostrando|show
dejo dejar deje dejarlo llevo|drop
cuesta cuestan|cost
cobran cobrar cobra|charge
dolar dolares|dollars
devolvi devolvimos devolvio|return
equivoque equivoco equivocada equivocado|wrong
meter meto poner pongo|put
caja cajas|box
cremallera cremalleras cierre cierres|zipper
rompio rompi rompe romper rompieron|broke
mando mandarlo mandarla enviarlo enviarla|send
`;

/** Spanish words that say nothing about the topic. */
const STOP = new Set(
  (
    'a al algo algun alguna alguno algunos ante antes con contra de del desde durante e el ella ellas ' +
    'ellos en era es esa ese eso esta estan estar este esto estoy fue ha han has hasta hay la las le les ' +
    'lo los me mi mis mucho muy nada ni no nos nosotros nuestra nuestro nuestros nuestras o os otra otro ' +
    'para pero poco por porque que se sea ser si sin sobre son su sus tambien te tengo tiene tienen tu tus ' +
    'un una uno unos unas usted ustedes vosotros y ya yo puedo puede pueden podria quiero quisiera ' +
    'necesito saber hacer hago hace hacen hice hola gracias favor dice dicen mas menos ahora aqui alli ' +
    'todo todos toda todas cada vez bien cual cuales como cuanto cuanta cuantos cuantas ofrecen dan ' +
    'tener hacerlo hacerla debo deberia gustaria me le lo la ustedes vuestra vuestro mio mia suyo suya ' +
    'soy eres somos quien quienes queda quedan ubicado ubicada ubicacion situado situada encuentra encuentran esta estan'
  ).split(' '),
);

const glossary = new Map<string, string>();
for (const line of WORDS.trim().split('\n')) {
  const [forms = '', english = ''] = line.split('|');
  for (const form of forms.trim().split(/\s+/)) {
    for (const key of [fold(form), fold(stemmer.stem(form)), stemmer.stem(fold(form))]) {
      // The first line that names a form wins.
      if (!glossary.has(key)) glossary.set(key, english);
    }
  }
}

/** The English for one folded Spanish word: its translation, nothing for a stop word, else itself. */
function translateWord(word: string): string {
  if (STOP.has(word)) return '';
  // An adverb in -mente ("normalmente") qualifies the question; it names no topic.
  if (word.length > 7 && word.endsWith('mente')) return '';
  return glossary.get(word) ?? glossary.get(stemmer.stem(word)) ?? word;
}

/**
 * True when the text reads as Spanish: the language detector says so, or (too short for it) the
 * text carries Spanish punctuation or a word only Spanish has here.
 */
export function isSpanish(text: string): boolean {
  const detected = detectLanguage(text, ['en', 'es']);
  if (detected) return detected === 'es';
  if (/[¿¡ñ]|[áéíóú]/i.test(text)) return true;
  const words = fold(text).match(/[a-z]+/g) ?? [];
  return words.filter((word) => STOP.has(word) && !ENGLISH_TOO.has(word)).length >= 2;
}

// Short words that are also English (or loanwords): they do not make a text Spanish.
const ENGLISH_TOO = new Set(['a', 'me', 'no', 'yo', 'e', 'o', 'y', 'he', 'ha', 'has', 'son', 'era', 'te']);

/**
 * The English words a Spanish question asks about, as text: "¿Cuánto cuesta el envío?" →
 * "how much does it cost shipping?". Phrases first, then word by word.
 */
export function spanishToEnglish(text: string): string {
  // "Cuándo" with its accent always asks ("si pido hoy, ¿cuándo me llega?"); "cuando" may only join.
  const asked = text
    .replace(/(^|[^\p{L}])cuándo(?!\p{L})/giu, '$1 [when will] ')
    // Texting spellings: "kuanto" (cuanto), "ke" (que), "kiero" (quiero).
    .replace(/(^|[^\p{L}])k(u[aeio])/giu, '$1c$2')
    .replace(/(^|[^\p{L}])k(e|i)(?=[\p{L}]*)/giu, '$1qu$2');
  let folded = fold(asked).replace(/[¿¡]/g, ' ').replace(/\s+/g, ' ').trim();
  const english: string[] = [];
  // Phrases become bracketed English, which the word pass leaves alone.
  for (const [pattern, replacement] of PHRASES) {
    folded = folded.replace(pattern, replacement ? ` [${replacement}] ` : ' ');
  }
  for (const part of folded.split(/(\[[^\]]*\])/)) {
    if (part.startsWith('[')) {
      english.push(part.slice(1, -1));
      continue;
    }
    for (const word of part.split(/[^a-z0-9$.,:%'-]+/)) {
      const clean = word.replace(/^[.,:'-]+|[.,:'-]+$/g, '');
      if (!clean) continue;
      const translated = /\d/.test(clean) ? clean : translateWord(clean);
      if (translated) english.push(translated);
    }
  }
  return english.join(' ').replace(/\s+/g, ' ').trim() + (/[?¿]/.test(text) ? '?' : '');
}

/**
 * The English for one Spanish word inside a message read as English ("me cobran sales tax?"): its
 * translation when the lexicon has one, `''` for a Spanish stop word, else `undefined`.
 */
export function englishForSpanishWord(word: string): string | undefined {
  const folded = fold(word);
  if (STOP.has(folded)) return '';
  return glossary.get(folded) ?? glossary.get(stemmer.stem(folded));
}
